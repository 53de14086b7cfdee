import zhCN from "antd/locale/zh_CN";
import { describe, expect, it } from "vitest";
import { antdLocale } from "./providers";

describe("antdLocale", () => {
  it("takes the locale out of a CommonJS module object, or as it is", () => {
    expect(antdLocale(zhCN).locale).toBe("zh-cn");
    expect(antdLocale({ default: zhCN }).locale).toBe("zh-cn");
    expect(antdLocale({ default: zhCN }).DatePicker?.lang.rangePlaceholder).toEqual(["开始日期", "结束日期"]);
  });
});
