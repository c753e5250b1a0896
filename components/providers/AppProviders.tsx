"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createContext, useContext, useState } from "react";

const LocaleContext = createContext("en-US");

/** The reader's locale, chosen once on the server so that server and browser format numbers alike. */
export function useLocale(): string {
  return useContext(LocaleContext);
}

export function AppProviders({ locale, children }: { locale: string; children: React.ReactNode }) {
  // One client per browser tab (not per render), created lazily.
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false, retry: 1 } } }),
  );
  return (
    <LocaleContext.Provider value={locale}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </LocaleContext.Provider>
  );
}
