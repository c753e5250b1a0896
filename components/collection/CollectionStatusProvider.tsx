"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect } from "react";
import { IDLE, pollIntervalMs, type CollectionStatus } from "@/lib/collection/types";

export const COLLECTION_STATUS_KEY = ["collection-status"] as const;

type Seed = { initial: CollectionStatus; timeZone: string };
const SeedContext = createContext<Seed>({ initial: IDLE, timeZone: "UTC" });

/** The server's view of the user's collection when the page was rendered; the hook takes over from it. */
export function CollectionStatusProvider({ initial, timeZone, children }: Seed & { children: React.ReactNode }) {
  const queryClient = useQueryClient();
  const seen = JSON.stringify(initial);
  // A later server render (another page, a refresh) knows more than what the cache held: e.g.
  // details queued by an import made on another page.
  useEffect(() => {
    queryClient.setQueryData(COLLECTION_STATUS_KEY, JSON.parse(seen) as CollectionStatus);
  }, [queryClient, seen]);
  return <SeedContext.Provider value={{ initial, timeZone }}>{children}</SeedContext.Provider>;
}

async function fetchStatus(signal: AbortSignal): Promise<CollectionStatus> {
  const response = await fetch("/api/collection-status", { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new Error(`The collection status could not be loaded (HTTP ${response.status}).`);
  return (await response.json()) as CollectionStatus;
}

/** The signed-in user's collection progress: asked again while work is pending, not once it is done. */
export function useCollectionStatus(): { status: CollectionStatus; timeZone: string } {
  const { initial, timeZone } = useContext(SeedContext);
  const query = useQuery({
    queryKey: COLLECTION_STATUS_KEY,
    queryFn: ({ signal }) => fetchStatus(signal),
    initialData: initial,
    staleTime: 1_000,
    refetchInterval: (current) => pollIntervalMs(current.state.data ?? initial),
    // A failed poll keeps the last answer; the next interval tries again.
    retry: false,
  });
  return { status: query.data ?? initial, timeZone };
}
