import type { LinkRequestSubmitted, ProviderSearchItem } from '../link-request-api';
import { effectiveDateProblem } from './effective-date';
import { endDateProblem, LinkToEnd } from './end-link';
import { linkabilityOf, providerNameOf } from './linkability';

/**
 * The group link request as a state machine, in the job aid's order (seed 003, steps 7–14), once a
 * service location is selected:
 * List of Servicing Providers → New Item → Search for Existing Service Providers (the magnifying glass)
 * → Search for Provider (click the Provider Name) → Service Provider Detail and Date Detail (Effective
 * Date, never before today) → Update → List of Servicing Providers → Submit → Agreement (the
 * certification box) → Submit → the request is submitted: due in 10 business days.
 *
 * Ending a current link (an unlink request) takes the same panels where they fit: End link on the List of
 * Servicing Providers → End Date (never before today) → Agreement → Submit → submitted, due in 10 business days.
 */
export type LinkRequestStep =
  | 'servicing-providers'
  | 'search-existing'
  | 'search'
  | 'detail'
  | 'end-date'
  | 'agreement'
  | 'submitting'
  | 'submitted';

/** The item Update saves to the List of Servicing Providers, waiting for Submit. */
export interface NewLinkItem {
  provider: ProviderSearchItem;
  effectiveDate: string;
}

/** The link End link ends, and its End Date as typed: what the unlink request sends. */
export interface EndLinkItem {
  link: LinkToEnd;
  endDate: string;
}

export type LinkRequestField = 'effectiveDate' | 'endDate' | 'certification' | 'new-item' | 'provider' | 'submit';

export interface LinkRequestState {
  step: LinkRequestStep;
  /** The provider clicked in the search results: Service Provider Detail shows them. */
  provider: ProviderSearchItem | null;
  /** The Date Detail panel's Effective Date field, as typed. */
  effectiveDate: string;
  /** Saved by Update; what Submit sends. */
  newItem: NewLinkItem | null;
  /** Set while the journey ends a link (End link) instead of requesting one, until the next start again. */
  unlink: EndLinkItem | null;
  /** The Agreement panel's certification box. */
  certified: boolean;
  confirmation: LinkRequestSubmitted | null;
  /** What stops the user going on, the field it concerns, and what to do. */
  problem: { message: string; field: LinkRequestField } | null;
}

export type LinkRequestEvent =
  | { type: 'new-item' }
  | { type: 'open-search' }
  | { type: 'choose-provider'; provider: ProviderSearchItem }
  | { type: 'enter-effective-date'; date: string }
  | { type: 'update'; today: string }
  | { type: 'end-link'; link: LinkToEnd }
  | { type: 'enter-end-date'; date: string }
  | { type: 'confirm-end-date'; today: string }
  | { type: 'remove' }
  | { type: 'back' }
  | { type: 'submit' }
  | { type: 'certify'; certified: boolean }
  | { type: 'submit-agreement'; today: string }
  | { type: 'submitted'; confirmation: LinkRequestSubmitted }
  | {
      type: 'failed';
      message: string;
      field?: 'effectiveDate' | 'endDate' | 'servicingProviderId';
    }
  | { type: 'start-again' };

export function initialLinkRequest(): LinkRequestState {
  return {
    step: 'servicing-providers',
    provider: null,
    effectiveDate: '',
    newItem: null,
    unlink: null,
    certified: false,
    confirmation: null,
    problem: null,
  };
}

const problem = (field: LinkRequestField, message: string) => ({
  field,
  message,
});

export function linkRequestReducer(state: LinkRequestState, event: LinkRequestEvent): LinkRequestState {
  switch (event.type) {
    case 'new-item':
      return state.step === 'servicing-providers'
        ? {
            ...state,
            step: 'search-existing',
            provider: null,
            effectiveDate: '',
            problem: null,
          }
        : state;
    case 'open-search':
      return state.step === 'search-existing' ? { ...state, step: 'search', problem: null } : state;
    case 'choose-provider':
      if (state.step !== 'search') return state;
      return {
        ...state,
        step: 'detail',
        provider: event.provider,
        effectiveDate: '',
        problem: null,
      };
    case 'enter-effective-date':
      if (state.step !== 'detail') return state;
      return {
        ...state,
        effectiveDate: event.date,
        problem: state.problem?.field === 'effectiveDate' ? null : state.problem,
      };
    case 'update': {
      if (state.step !== 'detail' || !state.provider) return state;
      const { reason } = linkabilityOf(state.provider);
      if (reason) return { ...state, problem: problem('provider', reason) };
      const dateProblem = effectiveDateProblem(state.effectiveDate, event.today);
      if (dateProblem) return { ...state, problem: problem('effectiveDate', dateProblem) };
      return {
        ...state,
        step: 'servicing-providers',
        newItem: {
          provider: state.provider,
          effectiveDate: state.effectiveDate,
        },
        provider: null,
        effectiveDate: '',
        problem: null,
      };
    }
    case 'end-link':
      return state.step === 'servicing-providers'
        ? { ...state, step: 'end-date', unlink: { link: event.link, endDate: '' }, certified: false, problem: null }
        : state;
    case 'enter-end-date':
      if (state.step !== 'end-date' || !state.unlink) return state;
      return {
        ...state,
        unlink: { ...state.unlink, endDate: event.date },
        problem: state.problem?.field === 'endDate' ? null : state.problem,
      };
    case 'confirm-end-date': {
      if (state.step !== 'end-date' || !state.unlink) return state;
      const dateProblem = endDateProblem(state.unlink.endDate, event.today, state.unlink.link);
      if (dateProblem) return { ...state, problem: problem('endDate', dateProblem) };
      return { ...state, step: 'agreement', certified: false, problem: null };
    }
    case 'remove':
      // Remove on the Date Detail panel: the item is dropped, back to the List of Servicing Providers.
      if (state.step !== 'detail') return state;
      return {
        ...state,
        step: 'servicing-providers',
        provider: null,
        effectiveDate: '',
        newItem: null,
        problem: null,
      };
    case 'back':
      if (state.step === 'search-existing' || state.step === 'search') return { ...state, step: 'servicing-providers', problem: null };
      if (state.step === 'detail')
        return {
          ...state,
          step: 'search',
          provider: null,
          effectiveDate: '',
          problem: null,
        };
      if (state.step === 'end-date') return { ...state, step: 'servicing-providers', unlink: null, problem: null };
      if (state.step === 'agreement')
        return {
          ...state,
          step: state.unlink ? 'end-date' : 'servicing-providers',
          certified: false,
          problem: null,
        };
      return state;
    case 'submit':
      if (state.step !== 'servicing-providers') return state;
      if (!state.newItem) {
        return {
          ...state,
          problem: problem(
            'new-item',
            'There is nothing to submit yet. Select New Item, find the servicing provider, enter the Effective Date, then click Update.',
          ),
        };
      }
      return { ...state, step: 'agreement', certified: false, problem: null };
    case 'certify':
      return state.step === 'agreement'
        ? {
            ...state,
            certified: event.certified,
            problem: state.problem?.field === 'certification' ? null : state.problem,
          }
        : state;
    case 'submit-agreement': {
      if (state.step !== 'agreement' || !(state.newItem || state.unlink)) return state;
      if (!state.certified)
        return {
          ...state,
          problem: problem('certification', 'Click the box to certify the Agreement, then click Submit.'),
        };
      if (state.unlink) {
        // The day may have turned since the End Date was entered: it is checked again.
        const endProblem = endDateProblem(state.unlink.endDate, event.today, state.unlink.link);
        if (endProblem) return { ...state, step: 'end-date', problem: problem('endDate', endProblem) };
        return { ...state, step: 'submitting', problem: null };
      }
      if (!state.newItem) return state;
      // The day may have turned since Update: the Effective Date is checked again.
      const dateProblem = effectiveDateProblem(state.newItem.effectiveDate, event.today);
      if (dateProblem) {
        return {
          ...state,
          step: 'detail',
          provider: state.newItem.provider,
          effectiveDate: state.newItem.effectiveDate,
          problem: problem('effectiveDate', dateProblem),
        };
      }
      return { ...state, step: 'submitting', problem: null };
    }
    case 'submitted':
      // An unlink keeps its item for the confirmation's words, and leaves an Update-saved new item alone.
      return state.step === 'submitting'
        ? {
            ...state,
            step: 'submitted',
            confirmation: event.confirmation,
            newItem: state.unlink ? state.newItem : null,
            problem: null,
          }
        : state;
    case 'failed':
      if (state.step !== 'submitting') return state;
      if (event.field === 'endDate' && state.unlink) {
        return { ...state, step: 'end-date', problem: problem('endDate', event.message) };
      }
      if (event.field === 'effectiveDate' && state.newItem && !state.unlink) {
        return {
          ...state,
          step: 'detail',
          provider: state.newItem.provider,
          effectiveDate: state.newItem.effectiveDate,
          problem: problem('effectiveDate', event.message),
        };
      }
      return {
        ...state,
        step: 'agreement',
        problem: problem('submit', event.message),
      };
    case 'start-again':
      // Back to the List of Servicing Providers; a new item saved by Update and not submitted yet stays.
      return { ...initialLinkRequest(), newItem: state.newItem };
  }
}

/** The job aid's panel names, for the step list and each panel's heading. */
export const LINK_REQUEST_PANELS = [
  { title: 'List of Servicing Providers', steps: ['servicing-providers'] },
  { title: 'Search for Provider', steps: ['search-existing', 'search'] },
  { title: 'Service Provider Detail', steps: ['detail'] },
  { title: 'Agreement', steps: ['agreement', 'submitting'] },
  { title: 'Submitted', steps: ['submitted'] },
] as const satisfies readonly {
  title: string;
  steps: readonly LinkRequestStep[];
}[];

/** Ending a link: the same list, then the End Date, the Agreement and the confirmation. */
export const END_LINK_PANELS = [
  { title: 'List of Servicing Providers', steps: ['servicing-providers'] },
  { title: 'End Date', steps: ['end-date'] },
  { title: 'Agreement', steps: ['agreement', 'submitting'] },
  { title: 'Submitted', steps: ['submitted'] },
] as const satisfies readonly {
  title: string;
  steps: readonly LinkRequestStep[];
}[];

type JourneyPanels = typeof LINK_REQUEST_PANELS | typeof END_LINK_PANELS;

/** The panels of the journey under way: ending a link, or requesting one. */
export function journeyPanelsOf(state: Pick<LinkRequestState, 'unlink'>): JourneyPanels {
  return state.unlink ? END_LINK_PANELS : LINK_REQUEST_PANELS;
}

export function panelIndexOf(step: LinkRequestStep, panels: JourneyPanels = LINK_REQUEST_PANELS): number {
  return panels.findIndex((panel) => (panel.steps as readonly LinkRequestStep[]).includes(step));
}

/** What the confirmation says: the due date (10 business days) and the letter to the DBA address. */
export function confirmationLines(confirmation: LinkRequestSubmitted, dbaName: string): string[] {
  return [
    `Your group link request was submitted. Request ID: ${confirmation.requestId}.`,
    `All provider file update requests are processed within 10 business days: this one is due by ${formatCalendarDate(confirmation.dueDate)}.`,
    `A letter will be sent to ${dbaName ? `${dbaName}'s` : 'the requesting provider’s'} DBA address once the change request is processed.`,
  ];
}

/** What the confirmation of an unlink request says: the link it ends and when, the due date, the letter. */
export function endLinkConfirmationLines(confirmation: LinkRequestSubmitted, dbaName: string, item: EndLinkItem): string[] {
  const [, due, letter] = confirmationLines(confirmation, dbaName);
  return [
    `Your request to end the link of ${providerNameOf(item.link)} (Provider ID ${item.link.providerId}) on ${formatCalendarDate(item.endDate)} was submitted. Request ID: ${confirmation.requestId}.`,
    due,
    letter,
  ];
}

/** `2026-12-08` → "Tuesday, December 8, 2026" (a calendar date: no time zone moves it). */
export function formatCalendarDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (!year || !month || !day) return date;
  return new Intl.DateTimeFormat('en-US', {
    dateStyle: 'full',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(year, month - 1, day)));
}
