import { useQuery } from '@tanstack/react-query';
import { apiJson, Page, useToken } from '@rosterlink/ui';
import { Practice, practiceNameOf, practicesOf, ServiceLocationName } from './logic/practices';
import { fetchMe } from './roster-api';

export interface NamedPractice extends Practice {
  name: string;
}

/** The signed-in user's practices with their names; names fall back to the PID while link-request-service is away. */
export function usePractices() {
  const token = useToken();
  const me = useQuery({ queryKey: ['me'], queryFn: () => fetchMe(token), staleTime: 60_000 });
  const names = useQuery({
    queryKey: ['service-locations'],
    queryFn: () => apiJson<Page<ServiceLocationName>>(token, '/link-request/service-locations?limit=1000'),
    staleTime: 60_000,
    retry: false,
  });
  const practices: NamedPractice[] | undefined = me.data
    ? practicesOf(me.data).map((p) => ({ ...p, name: practiceNameOf(p.groupId, names.data?.items ?? []) }))
    : undefined;
  return { me, practices, namesPending: names.isPending };
}
