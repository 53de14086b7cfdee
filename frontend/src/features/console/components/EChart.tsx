import { Skeleton } from "antd";
import { useEffect, useRef, useState } from "react";
import type { ChartOption, init } from "./echartsSetup";

type Chart = ReturnType<typeof init>;

/** One ECharts chart; ECharts itself is loaded on first use (not part of any page's initial code). */
export function EChart({ option, height = 320, testId }: { option: ChartOption; height?: number; testId?: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import("./echartsSetup").then(({ init }) => {
      if (disposed || !element.current) return;
      chart.current = init(element.current);
      setReady(true);
      if (typeof ResizeObserver !== "undefined") {
        observer = new ResizeObserver(() => chart.current?.resize());
        observer.observe(element.current);
      }
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, true);
  }, [ready, option]);

  return (
    <div style={{ position: "relative", height }} data-testid={testId} data-ready={ready ? "true" : "false"}>
      {!ready ? <Skeleton active style={{ position: "absolute", inset: 0 }} /> : null}
      <div ref={element} style={{ width: "100%", height }} />
    </div>
  );
}
