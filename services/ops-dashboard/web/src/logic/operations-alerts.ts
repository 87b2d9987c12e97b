import type { LagThresholds, OperationsReport, OperationsStatus, ServiceStatus } from '../../../src/operations-report';

/** The service's process name, as SRE and the logs call it: `link-request` → `link-request-service`. */
export const processName = (service: string) => `${service}-service`;

/** What the back office cannot do while a service is down or not answering. */
const WHILE_DOWN: Record<string, string> = {
  'link-request': 'decisions cannot be saved; the queue may be out of date',
  import: 'roster-import cases cannot be opened or processed; the case list may be out of date',
  notification: 'letters are not sent until it is back; the Letters page may be out of date',
  upload: 'groups cannot upload roster files',
  access: 'provider users cannot be given or refused access to their locations',
};

/** What reaches the back office late while a service is far behind on the events it consumes. */
const WHILE_FAR_BEHIND: Record<string, string> = {
  'link-request': 'new providers, roster affiliations and access changes reach link requests late',
  import: 'uploaded rosters become cases late',
  notification: 'letters and SLA alerts go out late',
  upload: 'groups see their uploads’ progress late',
  access: 'new groups and locations reach access management late',
};

/** The statuses every page raises a banner for; `behind` is shown on the Operations page only. */
const BANNER_STATUSES: readonly OperationsStatus[] = ['unreachable', 'down', 'far behind'];

export interface ServiceProblem {
  service: string;
  status: OperationsStatus;
  /** "link-request-service is down". */
  headline: string;
  /** What it means for the analyst: "decisions cannot be saved; the queue may be out of date". */
  meaning: string;
}

const messages = (n: number) => n.toLocaleString('en-US');

/** One service's status in a sentence and what it means for the analyst; null while it is up. */
export function problemOf(status: Pick<ServiceStatus, 'service' | 'status'>, { criticalMessages, warningMessages }: LagThresholds): ServiceProblem | null {
  const name = processName(status.service);
  const down = WHILE_DOWN[status.service] ?? 'the pages that need it may fail or be out of date';
  const late = WHILE_FAR_BEHIND[status.service] ?? 'what it does reaches the dashboard late';
  switch (status.status) {
    case 'unreachable':
      return { service: status.service, status: status.status, headline: `${name} is not answering`, meaning: down };
    case 'down':
      return { service: status.service, status: status.status, headline: `${name} is down`, meaning: down };
    case 'far behind':
      return { service: status.service, status: status.status, headline: `${name} is far behind (over ${messages(criticalMessages)} messages waiting)`, meaning: late };
    case 'behind':
      return { service: status.service, status: status.status, headline: `${name} is behind (over ${messages(warningMessages)} messages waiting)`, meaning: late };
    case 'up':
      return null;
  }
}

/**
 * The problems the banner on every page names: services down or not answering first, then those far
 * behind, each in the report's order. Empty while all are up or only `behind`.
 */
export function bannerProblems(report: OperationsReport | undefined): ServiceProblem[] {
  if (!report) return [];
  return BANNER_STATUSES.flatMap((status) =>
    report.items.filter((s) => s.status === status).flatMap((s) => problemOf(s, report.lagThresholds) ?? []),
  );
}
