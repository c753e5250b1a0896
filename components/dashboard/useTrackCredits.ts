"use client";

import { useQuery } from "@tanstack/react-query";
import type { TrackCredits } from "@/lib/catalog/track-credits";

/** Credited artists of the listed tracks: the server's map for the first view, /api/stats/credits for tracks new after a range change. */
export function useTrackCredits(ids: string[], initial: TrackCredits): TrackCredits {
  const missing = ids.filter((id) => !(id in initial));
  const query = useQuery({
    queryKey: ["credits", missing],
    enabled: missing.length > 0,
    queryFn: async ({ signal }) => {
      const response = await fetch(`/api/stats/credits?${new URLSearchParams({ ids: missing.join(",") })}`, { signal });
      if (!response.ok) return {} as TrackCredits;
      return ((await response.json()) as { credits: TrackCredits }).credits;
    },
    staleTime: Infinity,
  });
  return { ...initial, ...(query.data ?? {}) };
}
