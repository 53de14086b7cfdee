import { describe, expect, it } from "vitest";
import { centsToDecimal, toCents, totalsOf } from "./cents";

describe("cents", () => {
  it("reads decimal strings exactly", () => {
    expect(toCents("0.1") + toCents("0.2")).toBe(toCents("0.3"));
    expect(toCents("1234.5")).toBe(123450n);
    expect(toCents("12.345")).toBe(1234n);
    expect(toCents("")).toBe(0n);
    expect(toCents(null)).toBe(0n);
    expect(toCents("abc")).toBe(0n);
    expect(centsToDecimal(123450n)).toBe("1234.50");
    expect(centsToDecimal(-5n)).toBe("-0.05");
  });

  it("totals the debits and credits of lines and their difference", () => {
    expect(totalsOf([{ debit: "100.10" }, { credit: "60" }, { credit: "40.1" }, undefined])).toEqual({
      debit: 10010n,
      credit: 10010n,
      difference: 0n,
    });
    expect(totalsOf([{ debit: "100.10" }, { credit: "100" }]).difference).toBe(10n);
  });
});
