import { useQuery } from '@tanstack/react-query';
import { apiJson, useToken } from '@rosterlink/ui';
import { QueryKeys } from './logic/live-invalidation';
import type { LinkRequestSummary } from './types';

/** link-request-service's counts over every request (the queue's summary line, the Operations charts): one query for both. */
export function useLinkRequestSummary() {
  const token = useToken();
  return useQuery({
    queryKey: [QueryKeys.linkRequestSummary],
    queryFn: () => apiJson<LinkRequestSummary>(token, '/link-request/link-requests/summary'),
  });
}
