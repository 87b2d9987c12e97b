/**
 * The HTTP views the front ends read. The services' views are described once in the contracts (the services
 * build the same types); the web apps' own server's answer is described here.
 */
export type { CaseError, CaseTimelineEntry, Letter, Page, Practitioner, RosterCase, RosterCaseDetail } from '@rosterlink/contracts/browser';

/** What a web app's server answers at `GET /api/me` (from the verified token). */
export interface SessionUser {
  id: string;
  name: string;
  roles: string[];
  backOffice: boolean;
}
