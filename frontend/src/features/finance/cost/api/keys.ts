/** The query keys of the cost pages (everything under one root, invalidated together after a write). */
export const costKey = ["finance", "cost"] as const;
