/** GET /api/purchase-orders/{order_id}/pdf/ — the order as the PDF a supplier outside Hansa receives. */
import { downloadFile } from "@/lib/files";

export function downloadOrderPdf(id: number, number: string): Promise<void> {
  return downloadFile(`/api/purchase-orders/${id}/pdf/`, `${number}.pdf`);
}
