import { Spin } from "antd";
import { useMemo } from "react";
import { RouterProvider } from "react-router";
import { detectHost, readBaseDomain, type HostKind } from "@/lib/host";
import { useMe } from "@/lib/me";
import { AppProviders } from "./providers";
import { createAppRouter } from "./router";

/**
 * Picks the shell. With Django's `hansa-base-domain` meta tag the host alone decides. Without it,
 * /api/me/ decides when it can (a company → workspace, `company: null` → public host), else the
 * hostname does.
 */
function useHostKind(): HostKind["kind"] | null {
  const hasMeta = useMemo(() => readBaseDomain() !== null, []);
  const guessed = useMemo(() => detectHost().kind, []);
  const me = useMe({ enabled: !hasMeta });
  if (hasMeta) return guessed;
  if (me.isPending) return null;
  if (me.data?.company) return "tenant";
  if (me.data && me.data.company === null) return "public";
  return guessed;
}

function Shell() {
  const kind = useHostKind();
  const router = useMemo(() => (kind ? createAppRouter(kind) : null), [kind]);
  if (!router) {
    return (
      <div style={{ display: "grid", placeItems: "center", minHeight: "100vh" }}>
        <Spin size="large" />
      </div>
    );
  }
  return <RouterProvider router={router} />;
}

export function App() {
  return (
    <AppProviders>
      <Shell />
    </AppProviders>
  );
}
