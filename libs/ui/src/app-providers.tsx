import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ReactNode, useState } from 'react';
import { ErrorAdvice, ErrorAdviceProvider } from './advice';
import { Session, SessionProvider } from './session';

/**
 * What every rosterlink web app stands on: the query cache (a 4xx answer will not change by asking
 * again, an outage may), the app's advice for errors, and the in-memory session.
 */
export function AppProviders({ advice, initialSession, children }: { advice: ErrorAdvice; initialSession: Session | null; children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { staleTime: 5_000, retry: (count, error) => count < 2 && !('status' in error && Number(error.status) < 500) },
        },
      }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ErrorAdviceProvider advice={advice}>
        <SessionProvider initial={initialSession}>{children}</SessionProvider>
      </ErrorAdviceProvider>
    </QueryClientProvider>
  );
}
