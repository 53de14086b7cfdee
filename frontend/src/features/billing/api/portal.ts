/** POST /api/billing/portal/ — a Stripe Customer Portal session ({url}) to manage the payment method. */
import { useMutation } from "@tanstack/react-query";
import { requestHeaders } from "@/lib/api";
import { networkProblem, problemFromResponse } from "@/lib/problem";

export async function openPortal(): Promise<{ url: string }> {
  let response: Response;
  try {
    response = await fetch("/api/billing/portal/", {
      method: "POST",
      credentials: "same-origin",
      headers: { ...requestHeaders("POST"), "Content-Type": "application/json" },
      body: "{}",
    });
  } catch (error) {
    throw networkProblem(error);
  }
  if (!response.ok) throw await problemFromResponse(response);
  return (await response.json()) as { url: string };
}

export function usePortal() {
  return useMutation({
    mutationFn: openPortal,
    onSuccess: ({ url }) => window.location.assign(url),
  });
}
