/** The artist page every artist name links to (SPEC 6: /dashboard/artists/[id]). */
export const artistHref = (id: string) => `/dashboard/artists/${encodeURIComponent(id)}`;
