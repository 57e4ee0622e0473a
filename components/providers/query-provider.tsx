"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";

/**
 * The app's one TanStack Query client, made once per browser tab inside the app shell: every live widget (scoring
 * run progress, background runs, the email list) shares its cache, so two widgets on the same data poll once.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: true, retry: 1, staleTime: 1_000 } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
