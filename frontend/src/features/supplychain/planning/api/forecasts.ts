/**
 * Supply-chain planning (under /api/supplychain/):
 * GET/POST forecasts/ — forecasts published (side buyer) and received (side supplier); create one (buyer);
 * GET forecasts/{id}/ — a forecast with its plan grid (forecast vs committed per item and week);
 * GET/POST forecasts/{id}/versions/ — versions kept; publish a new one from the week grid;
 * GET forecasts/{id}/versions/{n}/diff/ — what changed against an earlier version;
 * POST forecasts/{id}/import/ (XLSX), POST forecasts/{id}/derive/ (from consumption);
 * GET/POST forecasts/{id}/commitments/ — the supplier's commitments (supplier commits);
 * GET forecast-commitments/{id}/, POST forecast-commitments/{id}/schedule/ — scheduled sales orders.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { newIdempotencyKey } from "../components/idempotencyKey";

type Forecasts = TenantPaths["/api/supplychain/forecasts/"];
type ForecastDetail = TenantPaths["/api/supplychain/forecasts/{forecast_id}/"]["get"];
type Versions = TenantPaths["/api/supplychain/forecasts/{forecast_id}/versions/"];
type Diff = TenantPaths["/api/supplychain/forecasts/{forecast_id}/versions/{version}/diff/"]["get"];
type Commitments = TenantPaths["/api/supplychain/forecasts/{forecast_id}/commitments/"];
type CommitmentDetail = TenantPaths["/api/supplychain/forecast-commitments/{commitment_id}/"]["get"];
type Schedule = TenantPaths["/api/supplychain/forecast-commitments/{commitment_id}/schedule/"]["post"];

export type ForecastPage = ResponseBody<Forecasts["get"]>;
export type ForecastSummary = ForecastPage["results"][number];
export type ForecastQuery = QueryParams<Forecasts["get"]>;
export type ForecastInput = RequestBody<Forecasts["post"]>;
export type Forecast = ResponseBody<ForecastDetail>;
export type Plan = NonNullable<Forecast["plan"]>;
export type VersionPage = ResponseBody<Versions["get"]>;
export type VersionInput = RequestBody<Versions["post"]>;
export type VersionDiff = ResponseBody<Diff>;
export type CommitmentPage = ResponseBody<Commitments["get"]>;
export type CommitmentInput = RequestBody<Commitments["post"]>;
export type Commitment = ResponseBody<CommitmentDetail>;
export type ScheduleInput = RequestBody<Schedule>;
export type ScheduleResult = ResponseBody<Schedule>;
export type GridCell = VersionInput["lines"][number];

export const planningKey = ["supplychain", "planning"] as const;

export function useForecasts(query: ForecastQuery) {
  return useQuery({
    queryKey: [...planningKey, "list", query],
    queryFn: () => unwrap(tenantApi.GET("/api/supplychain/forecasts/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useForecast(forecastId: number, version?: number) {
  return useQuery({
    queryKey: [...planningKey, "detail", forecastId, version ?? null],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/supplychain/forecasts/{forecast_id}/", {
          params: { path: { forecast_id: forecastId }, query: version ? { version } : {} },
        }),
      ),
  });
}

export function useVersions(forecastId: number) {
  return useQuery({
    queryKey: [...planningKey, "versions", forecastId],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/supplychain/forecasts/{forecast_id}/versions/", {
          params: { path: { forecast_id: forecastId }, query: { page_size: 200 } },
        }),
      ),
  });
}

export function useVersionDiff(forecastId: number, version: number | null, against?: number) {
  return useQuery({
    queryKey: [...planningKey, "diff", forecastId, version, against ?? null],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/supplychain/forecasts/{forecast_id}/versions/{version}/diff/", {
          params: { path: { forecast_id: forecastId, version: version ?? 1 }, query: against ? { against } : {} },
        }),
      ),
    enabled: version !== null,
  });
}

export function useCommitments(forecastId: number) {
  return useQuery({
    queryKey: [...planningKey, "commitments", forecastId],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/supplychain/forecasts/{forecast_id}/commitments/", {
          params: { path: { forecast_id: forecastId }, query: { page_size: 200 } },
        }),
      ),
  });
}

export function useCommitment(commitmentId: number | null) {
  return useQuery({
    queryKey: [...planningKey, "commitment", commitmentId],
    queryFn: () =>
      unwrap(
        tenantApi.GET("/api/supplychain/forecast-commitments/{commitment_id}/", {
          params: { path: { commitment_id: commitmentId ?? 0 } },
        }),
      ),
    enabled: commitmentId !== null,
  });
}

function useInvalidating<A, R>(mutationFn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planningKey }),
  });
}

export function useCreateForecast() {
  return useInvalidating((body: ForecastInput) =>
    unwrap(
      tenantApi.POST("/api/supplychain/forecasts/", { body, headers: { "Idempotency-Key": newIdempotencyKey() } }),
    ),
  );
}

export function usePublishVersion(forecastId: number) {
  return useInvalidating((body: VersionInput) =>
    unwrap(
      tenantApi.POST("/api/supplychain/forecasts/{forecast_id}/versions/", {
        params: { path: { forecast_id: forecastId } },
        body,
        headers: { "Idempotency-Key": newIdempotencyKey() },
      }),
    ),
  );
}

export function useImportForecast(forecastId: number) {
  return useInvalidating((file: File) => {
    const form = new FormData();
    form.append("file", file, file.name);
    return unwrap(
      tenantApi.POST("/api/supplychain/forecasts/{forecast_id}/import/", {
        params: { path: { forecast_id: forecastId } },
        body: form as unknown as { file: string },
        headers: { "Idempotency-Key": newIdempotencyKey() },
      }),
    );
  });
}

export function useDeriveForecast(forecastId: number) {
  return useInvalidating((weeksBack: number) =>
    unwrap(
      tenantApi.POST("/api/supplychain/forecasts/{forecast_id}/derive/", {
        params: { path: { forecast_id: forecastId } },
        body: { weeks_back: weeksBack },
        headers: { "Idempotency-Key": newIdempotencyKey() },
      }),
    ),
  );
}

export function useCommit(forecastId: number) {
  return useInvalidating((body: CommitmentInput) =>
    unwrap(
      tenantApi.POST("/api/supplychain/forecasts/{forecast_id}/commitments/", {
        params: { path: { forecast_id: forecastId } },
        body,
        headers: { "Idempotency-Key": newIdempotencyKey() },
      }),
    ),
  );
}

export function useSchedule() {
  return useInvalidating(({ commitmentId, body }: { commitmentId: number; body: ScheduleInput }) =>
    unwrap(
      tenantApi.POST("/api/supplychain/forecast-commitments/{commitment_id}/schedule/", {
        params: { path: { commitment_id: commitmentId } },
        body,
        headers: { "Idempotency-Key": newIdempotencyKey() },
      }),
    ),
  );
}

type Partners = TenantPaths["/api/trading-partners/"]["get"];
export type TradingPartner = ResponseBody<Partners>["results"][number];

export function useTradingPartners() {
  return useQuery({
    queryKey: [...planningKey, "partners"],
    queryFn: () => unwrap(tenantApi.GET("/api/trading-partners/", { params: { query: { page_size: 200 } } })),
  });
}
