/** allauth: DELETE auth/session — sign out. It answers 401 ("nobody signed in") by design. */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { allauthRequest, expectStatus } from "@/lib/allauth";

export async function signOut(): Promise<void> {
  expectStatus(await allauthRequest("DELETE", "auth/session"), 200, 401);
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSuccess: () => {
      // Nothing read while signed in may outlive the session.
      queryClient.clear();
    },
  });
}
