import { QueryClient } from "@tanstack/react-query";
import { isProblem } from "./problem";

/** A client error (4xx) will not change by asking again; a network or server error might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isProblem(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 15_000 },
      mutations: { retry: false },
    },
  });
}
