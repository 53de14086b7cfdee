/** The root of every inventory query key: a stock movement or a change of an item refreshes them all. */
export const inventoryKey = ["inventory"] as const;
