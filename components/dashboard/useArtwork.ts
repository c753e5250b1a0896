"use client";

import { useQuery } from "@tanstack/react-query";
import type { ImageKind, ImageMap } from "@/lib/catalog/images";

/** Artwork for the listed ids: the server's map for the first view, /api/stats/images for new ids after a range change. */
export function useArtwork(kind: ImageKind, ids: string[], initial: ImageMap, initialIds: string[]): ImageMap {
  const known = new Set(initialIds);
  const missing = ids.filter((id) => !known.has(id));
  const query = useQuery({
    queryKey: ["images", kind, missing],
    enabled: missing.length > 0,
    queryFn: async ({ signal }) => {
      const response = await fetch(`/api/stats/images?${new URLSearchParams({ kind, ids: missing.join(",") })}`, { signal });
      if (!response.ok) return {} as ImageMap;
      return ((await response.json()) as { images: ImageMap }).images;
    },
    staleTime: Infinity,
  });
  return { ...initial, ...(query.data ?? {}) };
}
