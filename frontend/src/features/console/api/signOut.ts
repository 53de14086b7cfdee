/** allauth: DELETE auth/session — the operator signs out of the public host (401 means "already out"). */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { allauthRequest, expectStatus } from "@/lib/allauth";

export async function consoleSignOut(): Promise<void> {
  expectStatus(await allauthRequest("DELETE", "auth/session"), 200, 401);
}

export function useConsoleSignOut() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: consoleSignOut,
    onSuccess: async () => {
      // Nothing an operator read may outlive the session.
      queryClient.clear();
      await navigate("/console/signin", { replace: true });
    },
  });
}
