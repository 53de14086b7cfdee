import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

/**
 * The fake HTTP server of the unit tests: each test declares the answers it needs (server.use).
 * Every workspace page polls the notification bell; it answers "none" unless a test says otherwise.
 */
export const server = setupServer(
  http.get("/api/notifications/", () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
  // The sign-up form lists the plans to try.
  http.get("/api/plans/", () => HttpResponse.json({ count: 0, next: null, previous: null, results: [] })),
  // The order pages show the shipments' supply-chain tracking when there is any.
  http.get("/api/supplychain/sales-orders/:orderId/tracking/", () =>
    HttpResponse.json({ count: 0, next: null, previous: null, results: [] }),
  ),
  http.get("/api/supplychain/purchase-orders/:orderId/tracking/", () =>
    HttpResponse.json({ count: 0, next: null, previous: null, results: [] }),
  ),
);
