import { describe, expect, it } from "vitest";
import { mergeCatalogs } from "./index";

describe("catalog parts", () => {
  it("deep-merges each area's part into the base", () => {
    const merged = mergeCatalogs({ nav: { home: "Home" } }, { "./en/x.json": { nav: { x: "X" }, x: { title: "T" } } });
    expect(merged).toEqual({ nav: { home: "Home", x: "X" }, x: { title: "T" } });
  });

  it("refuses a key that two parts define", () => {
    expect(() => mergeCatalogs({ nav: { home: "Home" } }, { "./en/x.json": { nav: { home: "Start" } } })).toThrow(
      /nav\.home is defined twice/,
    );
  });
});
