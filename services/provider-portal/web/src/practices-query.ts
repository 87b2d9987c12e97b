import { useQuery } from '@tanstack/react-query';
import { apiJson, Page, useToken } from '@rosterlink/ui';
import { fetchMe } from './access-api';
import { Practice, practiceNameOf, practicesOf, ServiceLocationName } from './logic/practices';

export interface NamedPractice extends Practice {
  name: string;
}

/** How often the portal asks again who the user is: a grant or a revocation shows within this (and the 5 s it must). */
const ACCESS_REFRESH_MS = 3_000;

/**
 * The signed-in user (access-service `GET /me`) and their practices with their names; names fall back to
 * the PID while link-request-service is away. `locationNames` names each granted PID/SL's practice.
 */
export function usePractices() {
  const token = useToken();
  const me = useQuery({ queryKey: ['me'], queryFn: () => fetchMe(token), staleTime: ACCESS_REFRESH_MS, refetchInterval: ACCESS_REFRESH_MS });
  const names = useQuery({
    queryKey: ['service-locations'],
    queryFn: () => apiJson<Page<ServiceLocationName>>(token, '/link-request/service-locations?limit=1000'),
    staleTime: 60_000,
    retry: false,
  });
  const practices: NamedPractice[] | undefined = me.data
    ? practicesOf(me.data).map((p) => ({ ...p, name: practiceNameOf(p.groupId, names.data?.items ?? []) }))
    : undefined;
  return { me, practices, namesPending: names.isPending, locationNames: names.data?.items ?? [] };
}
