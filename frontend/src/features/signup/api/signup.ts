/** POST /api/signup/ — create a company and its owner. */
import { useMutation } from "@tanstack/react-query";
import { publicApi, unwrap, type PublicPaths, type RequestBody, type ResponseBody } from "@/lib/api";

type Operation = PublicPaths["/api/signup/"]["post"];
export type SignupRequest = RequestBody<Operation>;
export type SignupResult = ResponseBody<Operation, 201>;

export function signup(body: SignupRequest): Promise<SignupResult> {
  return unwrap(publicApi.POST("/api/signup/", { body }));
}

export function useSignup() {
  return useMutation({ mutationFn: signup });
}
