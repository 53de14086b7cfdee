/**
 * GET/POST /api/supplychain/routing/depots/, PATCH …/depots/{depot_id}/ — warehouses as depots;
 * GET/POST /api/supplychain/routing/vehicles/, PATCH …/vehicles/{vehicle_id}/ — vehicle types of a depot;
 * GET/POST /api/supplychain/routing/sites/, PATCH …/sites/{site_id}/ — customers' delivery sites;
 * GET /api/inventory/warehouses/ and /api/customers/ for the pickers.
 */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, type PageParams, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { routingKey } from "./keys";

type Depots = TenantPaths["/api/supplychain/routing/depots/"];
type Vehicles = TenantPaths["/api/supplychain/routing/vehicles/"];
type Sites = TenantPaths["/api/supplychain/routing/sites/"];
export type Depot = ResponseBody<Depots["get"]>["results"][number];
export type Vehicle = ResponseBody<Vehicles["get"]>["results"][number];
export type DeliverySite = ResponseBody<Sites["get"]>["results"][number];
export type DepotInput = RequestBody<Depots["post"]>;
export type DepotChange = RequestBody<TenantPaths["/api/supplychain/routing/depots/{depot_id}/"]["patch"]>;
export type VehicleInput = RequestBody<Vehicles["post"]>;
export type VehicleChange = RequestBody<TenantPaths["/api/supplychain/routing/vehicles/{vehicle_id}/"]["patch"]>;
export type SiteInput = RequestBody<Sites["post"]>;
export type SiteChange = RequestBody<TenantPaths["/api/supplychain/routing/sites/{site_id}/"]["patch"]>;

const ALL: PageParams = { page: 1, page_size: 200 };

export function useDepots() {
  return useQuery({
    queryKey: [...routingKey, "depots"],
    queryFn: () => unwrap(tenantApi.GET("/api/supplychain/routing/depots/", { params: { query: ALL } })),
  });
}

export function useVehicles() {
  return useQuery({
    queryKey: [...routingKey, "vehicles"],
    queryFn: () => unwrap(tenantApi.GET("/api/supplychain/routing/vehicles/", { params: { query: ALL } })),
  });
}

export function useSites(query: PageParams & { search?: string }) {
  return useQuery({
    queryKey: [...routingKey, "sites", query],
    queryFn: () => unwrap(tenantApi.GET("/api/supplychain/routing/sites/", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useWarehouses() {
  return useQuery({
    queryKey: [...routingKey, "warehouses"],
    queryFn: () => unwrap(tenantApi.GET("/api/inventory/warehouses/", { params: { query: { ...ALL, active: true } } })),
  });
}

export function useCustomerOptions(search: string) {
  return useQuery({
    queryKey: [...routingKey, "customers", search],
    queryFn: () => unwrap(tenantApi.GET("/api/customers/", { params: { query: { page: 1, page_size: 50, search } } })),
    placeholderData: keepPreviousData,
  });
}

function useRoutingWrite<T>(write: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: routingKey }),
  });
}

export function useCreateDepot() {
  return useRoutingWrite(({ body, idempotencyKey }: { body: DepotInput; idempotencyKey: string }) =>
    unwrap(
      tenantApi.POST("/api/supplychain/routing/depots/", { body, headers: { "Idempotency-Key": idempotencyKey } }),
    ),
  );
}

export function useUpdateDepot() {
  return useRoutingWrite(({ id, body }: { id: number; body: DepotChange }) =>
    unwrap(
      tenantApi.PATCH("/api/supplychain/routing/depots/{depot_id}/", { params: { path: { depot_id: id } }, body }),
    ),
  );
}

export function useCreateVehicle() {
  return useRoutingWrite(({ body, idempotencyKey }: { body: VehicleInput; idempotencyKey: string }) =>
    unwrap(
      tenantApi.POST("/api/supplychain/routing/vehicles/", { body, headers: { "Idempotency-Key": idempotencyKey } }),
    ),
  );
}

export function useUpdateVehicle() {
  return useRoutingWrite(({ id, body }: { id: number; body: VehicleChange }) =>
    unwrap(
      tenantApi.PATCH("/api/supplychain/routing/vehicles/{vehicle_id}/", {
        params: { path: { vehicle_id: id } },
        body,
      }),
    ),
  );
}

export function useCreateSite() {
  return useRoutingWrite(({ body, idempotencyKey }: { body: SiteInput; idempotencyKey: string }) =>
    unwrap(tenantApi.POST("/api/supplychain/routing/sites/", { body, headers: { "Idempotency-Key": idempotencyKey } })),
  );
}

export function useUpdateSite() {
  return useRoutingWrite(({ id, body }: { id: number; body: SiteChange }) =>
    unwrap(tenantApi.PATCH("/api/supplychain/routing/sites/{site_id}/", { params: { path: { site_id: id } }, body })),
  );
}
