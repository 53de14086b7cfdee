/** POST /api/signin/ (public host) — which companies may this e-mail and password enter? */
import { useMutation } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type RequestBody, type ResponseBody } from "@/lib/api";

type Operation = PublicPaths["/api/signin/"]["post"];
export type SigninRequest = RequestBody<Operation>;
export type SigninCompany = ResponseBody<Operation>["companies"][number];

export function signin(body: SigninRequest) {
  return unwrap(publicApi.POST("/api/signin/", { body }));
}

export function useSignin() {
  return useMutation({ mutationFn: signin });
}

/** Where a chosen company sends the browser: the sign-in page of its host when it needs a TOTP code. */
export function companyDestination(company: SigninCompany): string {
  return company.mfa_required || !company.handoff_url ? company.signin_url : company.handoff_url;
}
