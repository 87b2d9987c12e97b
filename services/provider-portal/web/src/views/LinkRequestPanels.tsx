import type { Dispatch, RefObject } from 'react';
import { href } from '@rosterlink/ui';
import type { LinkRequestSubmitted, ProviderSearchItem } from '../link-request-api';
import { businessToday } from '../logic/effective-date';
import { endDateBoundsOf } from '../logic/end-link';
import {
  confirmationLines,
  EndLinkItem,
  endLinkConfirmationLines,
  formatCalendarDate,
  LinkRequestEvent,
  LinkRequestState,
} from '../logic/link-request-steps';
import { linkabilityOf, providerNameOf, providerTypeLabel } from '../logic/linkability';

/** What each panel of the journey gets: its heading (focused when the panel opens) and the journey's dispatch. */
export interface PanelProps {
  headingRef: RefObject<HTMLHeadingElement | null>;
  dispatch: Dispatch<LinkRequestEvent>;
}

/** Service Provider Detail (auto-populated, to verify) and Date Detail: Effective Date, Update, Remove (step 11–12). */
export function ServiceProviderDetail({
  provider,
  state,
  headingRef,
  dispatch,
}: PanelProps & { provider: ProviderSearchItem; state: LinkRequestState }) {
  const linkability = linkabilityOf(provider);
  const today = businessToday();
  const dateProblem = state.problem?.field === 'effectiveDate' ? state.problem.message : null;
  return (
    <div>
      <h3 ref={headingRef} tabIndex={-1}>
        Service Provider Detail
      </h3>
      <p>Verify the correct provider was identified.</p>
      <dl className="facts panel">
        <dt>Provider Name</dt>
        <dd>{providerNameOf(provider)}</dd>
        <dt>Provider ID</dt>
        <dd>{provider.providerId}</dd>
        <dt>NPI</dt>
        <dd>{provider.npi}</dd>
        <dt>Provider type</dt>
        <dd>{providerTypeLabel(provider.providerType)}</dd>
        <dt>Can be linked here</dt>
        <dd>{linkability.label}</dd>
      </dl>
      {!linkability.linkable ? (
        <>
          <div className="state state-error" role="alert">
            <p>
              <strong>This provider cannot be linked through this portal.</strong> {linkability.reason}.
            </p>
          </div>
          <div className="actions">
            <button type="button" onClick={() => dispatch({ type: 'back' })}>
              Back to Search for Provider
            </button>
            <button type="button" onClick={() => dispatch({ type: 'remove' })}>
              Remove
            </button>
          </div>
        </>
      ) : (
        <form
          className="panel"
          aria-labelledby="date-detail-title"
          noValidate
          onSubmit={(e) => (e.preventDefault(), dispatch({ type: 'update', today: businessToday() }))}
        >
          <h4 id="date-detail-title">Date Detail</h4>
          <p className="hint">Fields with an asterisk (*) are required.</p>
          <div className="date-detail">
            <label htmlFor="effective-date">
              Effective Date <span aria-hidden="true">*</span>
            </label>
            <input
              id="effective-date"
              type="date"
              required
              min={today}
              value={state.effectiveDate}
              onChange={(e) => dispatch({ type: 'enter-effective-date', date: e.target.value })}
              aria-invalid={dateProblem ? true : undefined}
              aria-describedby={dateProblem ? 'effective-date-hint effective-date-problem' : 'effective-date-hint'}
            />
            <span className="hint">End Date: no end date is required.</span>
          </div>
          <p id="effective-date-hint" className="hint">
            The servicing provider’s effective date with the group practice: today ({formatCalendarDate(today)}) or later. MassHealth will not
            backdate the effective date of a group link request.
          </p>
          {dateProblem && (
            <p id="effective-date-problem" className="field-error" role="alert">
              {dateProblem}
            </p>
          )}
          <p className="note">
            <strong>Note:</strong> group practice organizations must notify MassHealth when an individual practitioner joins or leaves the group
            practice prior to or no later than the effective date of change. Claims submitted for rendering providers not linked to the group will be
            denied, so timely updates are important.
          </p>
          <div className="actions">
            <button type="button" onClick={() => dispatch({ type: 'back' })}>
              Back to Search for Provider
            </button>
            <button type="submit" className="primary">
              Update
            </button>
            <button type="button" onClick={() => dispatch({ type: 'remove' })}>
              Remove
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** The End Date panel of End link: the link to end, and its End Date (the last day linked: today or later). */
export function EndDatePanel({ item, state, headingRef, dispatch }: PanelProps & { item: EndLinkItem; state: LinkRequestState }) {
  const today = businessToday();
  const { link } = item;
  const bounds = endDateBoundsOf(today, link);
  const dateProblem = state.problem?.field === 'endDate' ? state.problem.message : null;
  return (
    <div>
      <h3 ref={headingRef} tabIndex={-1}>
        End Date
      </h3>
      <p>Verify the link to end, then enter its End Date: the last day the servicing provider is linked to the group practice at this location.</p>
      <dl className="facts panel">
        <dt>Provider Name</dt>
        <dd>{providerNameOf(link)}</dd>
        <dt>Provider ID</dt>
        <dd>{link.providerId}</dd>
        <dt>NPI</dt>
        <dd>{link.npi}</dd>
        <dt>Provider type</dt>
        <dd>{providerTypeLabel(link.providerType)}</dd>
        <dt>Linked since</dt>
        <dd>{formatCalendarDate(link.effectiveDate)}</dd>
        <dt>Linked until</dt>
        <dd>{link.endDate ? formatCalendarDate(link.endDate) : 'No end date'}</dd>
      </dl>
      <form
        className="panel"
        aria-labelledby="end-date-detail-title"
        noValidate
        onSubmit={(e) => (e.preventDefault(), dispatch({ type: 'confirm-end-date', today: businessToday() }))}
      >
        <h4 id="end-date-detail-title">Date Detail</h4>
        <p className="hint">Fields with an asterisk (*) are required.</p>
        <div className="date-detail">
          <label htmlFor="end-date">
            End Date <span aria-hidden="true">*</span>
          </label>
          <input
            id="end-date"
            type="date"
            required
            min={bounds.min}
            max={bounds.max}
            value={item.endDate}
            onChange={(e) => dispatch({ type: 'enter-end-date', date: e.target.value })}
            aria-invalid={dateProblem ? true : undefined}
            aria-describedby={dateProblem ? 'end-date-hint end-date-problem' : 'end-date-hint'}
          />
        </div>
        <p id="end-date-hint" className="hint">
          The last day the servicing provider is linked to the group practice here: today ({formatCalendarDate(today)}) or later. MassHealth does not
          backdate changes.
        </p>
        {dateProblem && (
          <p id="end-date-problem" className="field-error" role="alert">
            {dateProblem}
          </p>
        )}
        <p className="note">
          <strong>Note:</strong> group practice organizations must notify MassHealth when an individual practitioner leaves the group practice prior to
          or no later than the effective date of change. Claims for services the practitioner renders here after the End Date will be denied.
        </p>
        <div className="actions">
          <button type="button" onClick={() => dispatch({ type: 'back' })}>
            Back to List of Servicing Providers
          </button>
          <button type="submit" className="primary">
            Next
          </button>
        </div>
      </form>
    </div>
  );
}

/**
 * The Agreement panel (step 14): every update request needs the certification of agreement; then Submit.
 * It certifies the new item Update saved, or, when ending a link, the link and its End Date.
 */
export function AgreementPanel({
  pidsl,
  dbaName,
  state,
  headingRef,
  dispatch,
  onSubmit,
}: PanelProps & {
  pidsl: string;
  dbaName: string;
  state: LinkRequestState;
  onSubmit: () => void;
}) {
  const submitting = state.step === 'submitting';
  const certificationProblem = state.problem?.field === 'certification' ? state.problem.message : null;
  const unlink = state.unlink;
  const provider = unlink ? unlink.link : state.newItem?.provider;
  if (!provider) return null;
  return (
    <form onSubmit={(e) => (e.preventDefault(), onSubmit())} aria-labelledby="agreement-title">
      <h3 id="agreement-title" ref={headingRef} tabIndex={-1}>
        Agreement
      </h3>
      <dl className="facts panel">
        <dt>Request</dt>
        <dd>{unlink ? 'End the link of a servicing provider with the group practice' : 'Link a servicing provider to the group practice'}</dd>
        <dt>Service Location</dt>
        <dd>
          {pidsl}
          {dbaName ? ` (${dbaName})` : ''}
        </dd>
        <dt>Servicing provider</dt>
        <dd>
          {providerNameOf(provider)} · Provider ID {provider.providerId} · NPI {provider.npi}
        </dd>
        {unlink ? (
          <>
            <dt>End Date</dt>
            <dd>{formatCalendarDate(unlink.endDate)}</dd>
          </>
        ) : (
          <>
            <dt>Effective Date</dt>
            <dd>{state.newItem && formatCalendarDate(state.newItem.effectiveDate)}</dd>
          </>
        )}
      </dl>
      <div className="agreement">
        {unlink ? (
          <p>
            I certify that the information on this update request is true, accurate and complete to the best of my knowledge; that the servicing
            provider named above is no longer a member of the group practice at this service location after the End Date; and that I am authorized to
            submit this request for the provider. I understand that MassHealth does not backdate changes, and that the group practice may not file a
            claim for services provided by this practitioner at this service location after the End Date.
          </p>
        ) : (
          <p>
            I certify that the information on this update request is true, accurate and complete to the best of my knowledge; that the servicing
            provider named above is a member of the group practice at this service location from the Effective Date; and that I am authorized to
            submit this request for the provider. I understand that MassHealth will not backdate the effective date of a group link request, and that
            the group practice may not file a claim for services provided by this practitioner until MassHealth has enrolled and approved them as a
            member of the group (130 CMR 450.223 (B)).
          </p>
        )}
        <label className="choice" htmlFor="certify">
          <input
            id="certify"
            type="checkbox"
            checked={state.certified}
            disabled={submitting}
            onChange={(e) => dispatch({ type: 'certify', certified: e.target.checked })}
            aria-invalid={certificationProblem ? true : undefined}
            aria-describedby={certificationProblem ? 'certify-problem' : undefined}
          />
          <span>I certify that I have read and agree to the Agreement above.</span>
        </label>
        {certificationProblem && (
          <p id="certify-problem" className="field-error" role="alert">
            {certificationProblem}
          </p>
        )}
      </div>
      {state.problem?.field === 'submit' && (
        <div className="state state-error" role="alert">
          <p>The request was not submitted: {state.problem.message}</p>
          <p>Correct it and click Submit again, or go Back to change {unlink ? 'the End Date' : 'the new item'}.</p>
        </div>
      )}
      {submitting && (
        <p className="state" role="status" aria-live="polite">
          Submitting your request…
        </p>
      )}
      <div className="actions">
        <button type="button" onClick={() => dispatch({ type: 'back' })} disabled={submitting}>
          {unlink ? 'Back to End Date' : 'Back to List of Servicing Providers'}
        </button>
        <button type="submit" className="primary" disabled={submitting}>
          Submit
        </button>
      </div>
    </form>
  );
}

/**
 * The confirmation of a link or (with `unlink`) an unlink request: processed within 10 business days (the
 * due date), the letter to the DBA address, and where to follow it: My requests.
 */
export function LinkRequestConfirmation({
  confirmation,
  dbaName,
  unlink,
  headingRef,
  onDone,
}: {
  confirmation: LinkRequestSubmitted;
  dbaName: string;
  unlink: EndLinkItem | null;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onDone: () => void;
}) {
  const lines = unlink ? endLinkConfirmationLines(confirmation, dbaName, unlink) : confirmationLines(confirmation, dbaName);
  return (
    <div className="panel notice" role="status">
      <h3 ref={headingRef} tabIndex={-1}>
        {unlink ? 'Request to end the link submitted' : 'Group link request submitted'}
      </h3>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      <dl className="facts">
        <dt>Status</dt>
        <dd>Submitted</dd>
        <dt>Due date</dt>
        <dd>{formatCalendarDate(confirmation.dueDate)}</dd>
      </dl>
      <p>
        <a href={href('requests', confirmation.requestId)}>See this request in My requests</a>: follow it there, and read the decision letter once
        MassHealth decides.
      </p>
      <div className="actions">
        <button type="button" onClick={onDone}>
          Back to List of Servicing Providers
        </button>
      </div>
    </div>
  );
}
