import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { reportAccountProblem } from "./accountSignals";
import { isProblem } from "./problem";

/** A client error (4xx) will not change by asking again; a network or server error might. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isProblem(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 1;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    // Every failure also tells the shell what it says about the account (suspended, read-only, quota).
    queryCache: new QueryCache({ onError: reportAccountProblem }),
    mutationCache: new MutationCache({ onError: reportAccountProblem }),
    defaultOptions: {
      queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 15_000 },
      mutations: { retry: false },
    },
  });
}
