/** Labels of the cost pages' enumerations. */
import type { TFunction } from "i18next";

export function movementKindLabel(t: TFunction, kind: string): string {
  return t(`financeCost.movementKind.${kind}`, { defaultValue: kind });
}

export function componentKindLabel(t: TFunction, kind: string): string {
  return t(`financeCost.componentKind.${kind}`, { defaultValue: kind });
}

export function allocationLabel(t: TFunction, allocation: string): string {
  return t(`financeCost.allocation.${allocation}`, { defaultValue: allocation });
}

export function sheetLineKindLabel(t: TFunction, kind: string): string {
  return t(`financeCost.sheetLineKind.${kind}`, { defaultValue: kind });
}

export function workOrderStatusLabel(t: TFunction, status: string): string {
  return t(`financeCost.workOrderStatus.${status}`, { defaultValue: status });
}
