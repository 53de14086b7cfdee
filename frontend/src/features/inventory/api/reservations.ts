/** GET /api/inventory/reservations/ — stock held for a reference (a sales order line), newest first. */
import { useQuery } from "@tanstack/react-query";
import { tenantApi, unwrap, type QueryParams, type ResponseBody, type TenantPaths } from "@/lib/api";
import { inventoryKey } from "./keys";

type Path = TenantPaths["/api/inventory/reservations/"];
export type ReservationPage = ResponseBody<Path["get"]>;
export type Reservation = ReservationPage["results"][number];
export type ReservationQuery = QueryParams<Path["get"]>;

export function getReservations(query: ReservationQuery): Promise<ReservationPage> {
  return unwrap(tenantApi.GET("/api/inventory/reservations/", { params: { query } }));
}

export function useReservations(query: ReservationQuery) {
  return useQuery({ queryKey: [...inventoryKey, "reservations", query], queryFn: () => getReservations(query) });
}
