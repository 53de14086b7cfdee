/**
 * POST /api/catalog/listings/{listing_id}/images/ and DELETE …/images/{image_id}/ — a listing's
 * pictures (PNG, JPEG, WebP, GIF; at most 8).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { multipartFile, tenantApi, unwrap, unwrapEmpty } from "@/lib/api";
import { listingQueryKey } from "./listing";
import { catalogQueryKey } from "./listings";

export function addListingImage({ listingId, file }: { listingId: number; file: File }) {
  return unwrap(
    tenantApi.POST("/api/catalog/listings/{listing_id}/images/", {
      params: { path: { listing_id: listingId } },
      body: multipartFile(file, file.name),
    }),
  );
}

export function deleteListingImage({ listingId, imageId }: { listingId: number; imageId: number }) {
  return unwrapEmpty(
    tenantApi.DELETE("/api/catalog/listings/{listing_id}/images/{image_id}/", {
      params: { path: { listing_id: listingId, image_id: imageId } },
    }),
  );
}

function useRefreshListing() {
  const queryClient = useQueryClient();
  return (listingId: number) =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: listingQueryKey(listingId) }),
      queryClient.invalidateQueries({ queryKey: catalogQueryKey }),
    ]);
}

export function useAddListingImage() {
  const refresh = useRefreshListing();
  return useMutation({ mutationFn: addListingImage, onSuccess: (_, { listingId }) => refresh(listingId) });
}

export function useDeleteListingImage() {
  const refresh = useRefreshListing();
  return useMutation({ mutationFn: deleteListingImage, onSuccess: (_, { listingId }) => refresh(listingId) });
}
