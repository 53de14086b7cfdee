import { describe, expect, it } from "vitest";
import { CATEGORY_TREE } from "@/test/marketplace";
import { categoryPath, flattenCategories } from "./categories";
import { fileNameFromDisposition, formatBytes } from "./files";
import { fieldPath } from "./forms";
import { formatDate, formatRate, formatUnitPrice, localized, regionName, trimDecimal } from "./format";

describe("formatting for the marketplace", () => {
  it("keeps unit prices to their 4 decimals and at least the currency's minor unit", () => {
    expect(formatUnitPrice("12.5000", "CNY", "zh-CN")).toBe("¥12.50");
    expect(formatUnitPrice("0.0125", "USD", "en")).toBe("$0.0125");
    expect(formatUnitPrice("1200", "JPY", "en")).toBe("¥1,200");
  });

  it("trims a decimal for an input without changing its value", () => {
    expect(trimDecimal("100.000")).toBe("100");
    expect(trimDecimal("12.5000")).toBe("12.5");
    expect(trimDecimal("1200")).toBe("1200");
    expect(trimDecimal(null)).toBeNull();
  });

  it("shows a date-only value as that day in any time zone", () => {
    // Parsed as UTC midnight, 2026-06-30 would be June 29 west of Greenwich.
    expect(formatDate("2026-06-30", "en")).toBe("Jun 30, 2026");
    expect(formatDate("2026-06-30", "zh-CN")).toBe("2026年6月30日");
  });

  it("names things in the UI language, falling back to the other one", () => {
    expect(localized("Ball bearing", "球轴承", "zh-CN")).toBe("球轴承");
    expect(localized("Ball bearing", "", "zh-CN")).toBe("Ball bearing");
    expect(localized("", "球轴承", "en")).toBe("球轴承");
    expect(regionName("CN-JS", "en")).toBe("China · JS");
    expect(formatRate("0.875", "en")).toBe("87.5%");
    expect(formatRate(null, "en")).toBe("—");
  });

  it("walks the category tree", () => {
    expect(flattenCategories(CATEGORY_TREE).map(({ node }) => node.code)).toEqual([
      "10",
      "10.01",
      "10.01.01",
      "10.01.02",
      "20",
    ]);
    expect(categoryPath(CATEGORY_TREE, "10.01.01", "zh-CN")).toBe("机械零部件 / 轴承 / 球轴承");
    expect(categoryPath(CATEGORY_TREE, "99", "en")).toBe("99");
  });
});

describe("files and forms", () => {
  it("reads the file name a download is offered under", () => {
    expect(fileNameFromDisposition('attachment; filename="catalog.csv"')).toBe("catalog.csv");
    expect(fileNameFromDisposition("attachment; filename*=UTF-8''%E7%9B%AE%E5%BD%95.xlsx")).toBe("目录.xlsx");
    expect(fileNameFromDisposition(null)).toBeNull();
    expect(formatBytes(2_500_000, "en")).toBe("2.5 MB");
  });

  it("turns a server field name into a form path", () => {
    expect(fieldPath("lines.0.quantity")).toEqual(["lines", 0, "quantity"]);
    expect(fieldPath("title")).toEqual(["title"]);
  });
});
