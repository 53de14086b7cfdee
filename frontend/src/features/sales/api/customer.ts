/**
 * GET and PATCH /api/customers/{customer_id}/ — one account with its contacts; POST …/contacts/, PATCH
 * and DELETE …/contacts/{contact_id}/; GET …/history/ — purchase history and preferences drawn from the
 * customer's orders (rejected and cancelled ones left out).
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { tenantApi, unwrap, unwrapEmpty, type RequestBody, type ResponseBody, type TenantPaths } from "@/lib/api";
import { customersKey, type Customer } from "./customers";

export type CustomerUpdate = RequestBody<TenantPaths["/api/customers/{customer_id}/"]["patch"]>;
export type Contact = Customer["contacts"][number];
export type ContactInput = RequestBody<TenantPaths["/api/customers/{customer_id}/contacts/"]["post"]>;
export type ContactUpdate = RequestBody<TenantPaths["/api/customers/{customer_id}/contacts/{contact_id}/"]["patch"]>;
export type CustomerHistory = ResponseBody<TenantPaths["/api/customers/{customer_id}/history/"]["get"]>;

export const customerScope = (id: number) => [...customersKey, id] as const;

export function getCustomer(id: number): Promise<Customer> {
  return unwrap(tenantApi.GET("/api/customers/{customer_id}/", { params: { path: { customer_id: id } } }));
}

export function useCustomer(id: number | null) {
  return useQuery({
    queryKey: [...customerScope(id ?? 0), "detail"],
    queryFn: () => getCustomer(id ?? 0),
    enabled: id !== null,
  });
}

export function getCustomerHistory(id: number): Promise<CustomerHistory> {
  return unwrap(tenantApi.GET("/api/customers/{customer_id}/history/", { params: { path: { customer_id: id } } }));
}

export function useCustomerHistory(id: number) {
  return useQuery({ queryKey: [...customerScope(id), "history"], queryFn: () => getCustomerHistory(id) });
}

export function updateCustomer({ id, body }: { id: number; body: CustomerUpdate }): Promise<Customer> {
  return unwrap(tenantApi.PATCH("/api/customers/{customer_id}/", { params: { path: { customer_id: id } }, body }));
}

export function addContact({ id, body }: { id: number; body: ContactInput }): Promise<Contact> {
  return unwrap(
    tenantApi.POST("/api/customers/{customer_id}/contacts/", { params: { path: { customer_id: id } }, body }),
  );
}

export function updateContact({ id, contactId, body }: { id: number; contactId: number; body: ContactUpdate }) {
  return unwrap(
    tenantApi.PATCH("/api/customers/{customer_id}/contacts/{contact_id}/", {
      params: { path: { customer_id: id, contact_id: contactId } },
      body,
    }),
  );
}

export function removeContact({ id, contactId }: { id: number; contactId: number }) {
  return unwrapEmpty(
    tenantApi.DELETE("/api/customers/{customer_id}/contacts/{contact_id}/", {
      params: { path: { customer_id: id, contact_id: contactId } },
    }),
  );
}

function useCustomerChange<A extends { id: number }, R>(change: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: (_, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: customerScope(id) }),
        queryClient.invalidateQueries({ queryKey: [...customersKey, "list"] }),
      ]),
  });
}

export const useUpdateCustomer = () => useCustomerChange(updateCustomer);
export const useAddContact = () => useCustomerChange(addContact);
export const useUpdateContact = () => useCustomerChange(updateContact);
export const useRemoveContact = () => useCustomerChange(removeContact);
