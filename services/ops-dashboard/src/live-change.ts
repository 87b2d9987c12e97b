/**
 * What a browser is told of one event: identifiers only, never a name, an address or an NPI.
 * Shared by the server (live-events.ts) and the app; it imports nothing so the app can use it.
 */
export interface LiveChange {
  topic: string;
  /** The group PID or the PID/SL the event is keyed by. */
  key: string;
  eventId: string;
  requestId?: string;
  caseNumber?: string;
  letterId?: string;
}
