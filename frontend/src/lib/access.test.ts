import { describe, expect, it } from "vitest";
import { accessFor, can, canAll, canAny, permissionLabel, PERMISSIONS, roleLabel, ROLES } from "./access";
import { createI18n } from "./i18n";

const me = { permissions: ["members.manage", "po.approve"] };

describe("access", () => {
  it("checks named permissions against me.permissions", () => {
    expect(can(me, "members.manage")).toBe(true);
    expect(can(me, "settings.manage")).toBe(false);
    expect(can(["rfq.publish"], "rfq.publish")).toBe(true);
  });

  it("denies everything to nobody", () => {
    expect(can(null, "members.manage")).toBe(false);
    expect(can(undefined, "audit.view")).toBe(false);
    expect(can({ permissions: null }, "audit.view")).toBe(false);
  });

  it("combines permissions", () => {
    expect(canAll(me, ["members.manage", "po.approve"])).toBe(true);
    expect(canAll(me, ["members.manage", "finance.post"])).toBe(false);
    expect(canAny(me, ["finance.post", "po.approve"])).toBe(true);
    expect(canAny(me, ["finance.post", "stock.adjust"])).toBe(false);
  });

  it("builds the access object of every named permission", () => {
    const access = accessFor(me);
    expect(Object.keys(access).sort()).toEqual([...PERMISSIONS].sort());
    expect(access["members.manage"]).toBe(true);
    expect(access["po.approve"]).toBe(true);
    expect(access["apikeys.manage"]).toBe(false);
  });

  it("labels known roles and passes unknown ones through", () => {
    const zh = createI18n("zh-CN");
    const en = createI18n("en");
    expect(roleLabel(zh.t, "owner")).toBe("所有者");
    expect(roleLabel(en.t, "finance")).toBe("Finance");
    expect(roleLabel(zh.t, "quality_inspector")).toBe("quality_inspector");
    for (const role of ROLES) {
      expect(roleLabel(en.t, role)).not.toBe(role);
      expect(roleLabel(zh.t, role)).not.toBe(role);
    }
  });

  it("labels every named permission (keys with dots) in both languages", () => {
    const zh = createI18n("zh-CN");
    const en = createI18n("en");
    expect(permissionLabel(en.t, "members.manage")).toBe("Manage members");
    expect(permissionLabel(zh.t, "po.approve")).toBe("审批采购订单");
    for (const permission of PERMISSIONS) {
      expect(permissionLabel(en.t, permission)).not.toBe(permission);
      expect(permissionLabel(zh.t, permission)).not.toBe(permission);
    }
  });
});
