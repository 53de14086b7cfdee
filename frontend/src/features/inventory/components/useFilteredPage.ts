import { useCallback, useState } from "react";
import { FIRST_PAGE, type PageParams } from "@/lib/api";

/**
 * The page of a list whose filters are `filterKey`: back to the first page whenever the filters
 * change (kept with the key it belongs to, so no effect has to reset it).
 */
export function useFilteredPage(filterKey: string, first: PageParams = FIRST_PAGE) {
  const [state, setState] = useState<{ key: string; params: PageParams }>({ key: filterKey, params: first });
  const params = state.key === filterKey ? state.params : first;
  const setParams = useCallback((next: PageParams) => setState({ key: filterKey, params: next }), [filterKey]);
  return [params, setParams] as const;
}
