import type { TablePaginationConfig } from "antd";
import { useState } from "react";
import { FIRST_PAGE, type PageParams } from "@/lib/api";

/** The page a paginated table shows, as the query parameters of its list endpoint. */
export function usePageParams(initial: PageParams = FIRST_PAGE) {
  return useState<PageParams>(initial);
}

/** Ant Design's pagination for a server-paginated list; none while everything fits on one page. */
export function tablePagination(
  count: number,
  params: PageParams,
  onChange: (params: PageParams) => void,
): TablePaginationConfig | false {
  if (count <= params.page_size && params.page === 1) return false;
  return {
    current: params.page,
    pageSize: params.page_size,
    total: count,
    showSizeChanger: false,
    onChange: (page, pageSize) => onChange({ page, page_size: pageSize }),
  };
}
