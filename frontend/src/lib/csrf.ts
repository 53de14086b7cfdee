/**
 * Django's CSRF protection: the token lives in a cookie and travels back in a header. In production the
 * cookie is `__Host-csrftoken` (secure, host-only); in development it is `csrftoken`.
 */

export const CSRF_COOKIE = "csrftoken";
export const CSRF_COOKIE_SECURE = "__Host-csrftoken";
export const CSRF_HEADER = "X-CSRFToken";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

export function readCookie(name: string, cookieString: string = document.cookie): string | null {
  for (const part of cookieString.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) {
      return decodeURIComponent(part.slice(eq + 1).trim());
    }
  }
  return null;
}

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/** The header to add to a request of `method`: the token on unsafe methods, nothing otherwise. */
export function csrfHeaders(method: string, cookieString?: string): Record<string, string> {
  if (!isUnsafeMethod(method)) return {};
  const token = readCookie(CSRF_COOKIE_SECURE, cookieString) ?? readCookie(CSRF_COOKIE, cookieString);
  return token ? { [CSRF_HEADER]: token } : {};
}
