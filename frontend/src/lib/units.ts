/** The units catalog listings are sold in (the catalog's `unit` choices); RFQ lines may name others. */
export const UNITS = [
  "pcs",
  "set",
  "pair",
  "g",
  "kg",
  "t",
  "m",
  "m2",
  "m3",
  "l",
  "box",
  "carton",
  "bag",
  "bottle",
  "roll",
  "sheet",
  "drum",
  "pallet",
] as const;

export type Unit = (typeof UNITS)[number];
