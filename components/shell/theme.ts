/** The theme choice lives in a cookie so the server renders the right one on first paint. */
export const THEME_COOKIE = "encore_theme";
export type Theme = "dark" | "light";

export function themeOf(cookieValue: string | undefined): Theme {
  return cookieValue === "light" ? "light" : "dark";
}
