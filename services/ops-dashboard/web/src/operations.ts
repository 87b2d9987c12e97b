import { useQuery } from '@tanstack/react-query';
import { apiJson, useToken } from '@rosterlink/ui';
import type { OperationsReport } from '../../src/operations-report';

export type { LagStatus, LagThresholds, OperationsReport, OperationsStatus, ServiceStatus, TopicLag } from '../../src/operations-report';

/** How often every page asks the dashboard server for the services' status, for the banner. */
export const BANNER_POLL_MS = 15_000;

/**
 * The dashboard server's `GET /api/operations`: each service's health, lag and status. One query for
 * the banner (every page) and the Operations page, which asks more often while it is open.
 */
export function useOperationsReport(refetchInterval: number) {
  const token = useToken();
  return useQuery({
    queryKey: ['operations'],
    queryFn: () => apiJson<OperationsReport>(token, '/operations'),
    refetchInterval,
  });
}
