import { setupServer } from "msw/node";

/** The fake HTTP server of the unit tests: each test declares the answers it needs (server.use). */
export const server = setupServer();
