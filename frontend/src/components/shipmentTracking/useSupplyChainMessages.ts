/** The supply-chain catalogs are lazy (fetched when /supply-chain opens): pages outside that section that
 * show supply-chain UI load them first. */
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { loadSupplyChainMessages } from "@/lib/i18n";

let loading: Promise<void> | null = null;

export function useSupplyChainMessages(): boolean {
  const { i18n } = useTranslation();
  const [ready, setReady] = useState(() => i18n.exists("supplyChain.tracking.card.title"));
  useEffect(() => {
    if (ready) return;
    loading ??= loadSupplyChainMessages(i18n);
    let live = true;
    loading.then(
      () => live && setReady(true),
      () => {
        loading = null;
      },
    );
    return () => {
      live = false;
    };
  }, [ready, i18n]);
  return ready;
}
