/**
 * Files that come from the API (exports, certificates, attachments): fetched with the session and the
 * UI language like every other call, a failure read as problem+json, and the body handed to the
 * browser as a download under the name the server gave it.
 */
import { requestHeaders } from "./api";
import { networkProblem, problemFromResponse } from "./problem";

/** The file name of a `Content-Disposition` header (RFC 6266, `filename*` preferred), if any. */
export function fileNameFromDisposition(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    try {
      return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ""));
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain?.[2] ?? plain?.[1];
  return name ? name.trim() : null;
}

/** GETs `path` (same origin) and returns its body and file name; a failure throws a ProblemError. */
export async function fetchFile(path: string, fallbackName: string): Promise<{ blob: Blob; name: string }> {
  let response: Response;
  try {
    response = await globalThis.fetch(new URL(path, window.location.origin), {
      credentials: "same-origin",
      headers: { ...requestHeaders("GET"), Accept: "*/*" },
    });
  } catch (error) {
    throw networkProblem(error);
  }
  if (!response.ok) throw await problemFromResponse(response);
  const name = fileNameFromDisposition(response.headers.get("Content-Disposition")) ?? fallbackName;
  return { blob: await response.blob(), name };
}

/** Hands a Blob to the browser as a download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads `path` as a file; throws a ProblemError when the server refuses. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const { blob, name } = await fetchFile(path, fallbackName);
  saveBlob(blob, name);
}

/** A size in bytes as people read it (kB, MB). */
export function formatBytes(size: number, language: string): string {
  const units = ["B", "kB", "MB", "GB"];
  let value = size;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 ? 0 : 1;
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
