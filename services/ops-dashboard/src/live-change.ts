/**
 * What a browser is told of one event: identifiers only, never a name, an address or an NPI.
 * Shared by the server (live-events.ts) and the app; it imports only the browser-safe contract.
 */
import type { TopicName } from '@rosterlink/contracts/browser';

export interface LiveChange {
  topic: TopicName;
  /** The group PID or the PID/SL the event is keyed by. */
  key: string;
  eventId: string;
  requestId?: string;
  caseNumber?: string;
  letterId?: string;
}
