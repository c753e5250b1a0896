/**
 * A preference cookie set by the browser (theme, time zone before sign-in): not a secret, read by
 * the server for the first paint. SameSite=Lax, and Secure when the page is served over HTTPS
 * (SPEC §9). Being set by script, it cannot be HttpOnly; the session cookies are.
 */
export function preferenceCookie(name: string, value: string, maxAgeSeconds: number): string {
  const secure = window.location.protocol === "https:" ? "; secure" : "";
  return `${name}=${encodeURIComponent(value)}; path=/; max-age=${maxAgeSeconds}; samesite=lax${secure}`;
}
