import { AppProviders, ErrorAdvice, href, Session, SignIn, SkipLink, useRoute, useSession } from '@rosterlink/ui';
import { OperationsBanner } from './components';
import { useLiveUpdates } from './live';
import { AccessView } from './views/AccessView';
import { CalendarView } from './views/CalendarView';
import { CaseDetailView } from './views/CaseDetailView';
import { CasesView } from './views/CasesView';
import { LettersView } from './views/LettersView';
import { OperationsView } from './views/OperationsView';
import { QueueView } from './views/QueueView';
import { RequestDetailView } from './views/RequestDetailView';
import { HeaderSearch, SearchView } from './views/SearchView';

/** What the back office does about an error. */
const ADVICE: ErrorAdvice = {
  forbidden: 'This needs a back-office role.',
  unavailable: 'Check the Operations page, then retry.',
  unreachable: 'The dashboard server did not answer. Check your connection, then retry.',
};

const NAV = [
  { path: 'queue', label: 'Link-request queue' },
  { path: 'cases', label: 'Roster-import cases' },
  { path: 'letters', label: 'Letters' },
  { path: 'operations', label: 'Operations' },
  { path: 'access', label: 'Access' },
  { path: 'calendar', label: 'Calendar' },
];

const VIEWS = ['queue', 'requests', 'cases', 'letters', 'operations', 'access', 'calendar', 'search'];

export function App({ initialSession = null }: { initialSession?: Session | null }) {
  return (
    <AppProviders advice={ADVICE} initialSession={initialSession}>
      <Shell />
    </AppProviders>
  );
}

function Shell() {
  const { session, signOut } = useSession();
  if (!session) return <SignIn title="rosterlink operations" />;
  if (!session.user.backOffice) {
    return (
      <main id="main" className="sign-in">
        <h1>Back office only</h1>
        <p>
          {session.user.name}, the operations dashboard is for the agency&apos;s back-office staff. Provider users work with their rosters and
          link requests in the provider portal.
        </p>
        <button type="button" onClick={signOut}>
          Sign out
        </button>
      </main>
    );
  }
  return <BackOffice token={session.token} name={session.user.name} onSignOut={signOut} />;
}

function BackOffice({ token, name, onSignOut }: { token: string; name: string; onSignOut: () => void }) {
  const route = useRoute();
  const live = useLiveUpdates(token);
  const [view = 'queue', id] = route;
  const current = view === 'requests' ? 'queue' : view;
  return (
    <>
      <SkipLink />
      <header className="top">
        <span className="brand">rosterlink operations</span>
        <nav aria-label="Views">
          {NAV.map((n) => (
            <a key={n.path} href={href(n.path)} aria-current={current === n.path ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <HeaderSearch key={view === 'search' ? (id ?? '') : ''} current={view === 'search' ? (id ?? '') : ''} />
        <span className={`live live-${live.state}`} role="status" title={live.lastChange ?? undefined}>
          {live.state === 'live' ? 'Live' : live.state === 'connecting' ? 'Connecting…' : 'Offline: retrying'}
        </span>
        <span className="who">{name}</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <OperationsBanner onOperationsPage={current === 'operations'} />
      {live.lastChange && (
        <p className="activity" aria-live="polite">
          Latest: {live.lastChange}
        </p>
      )}
      <main id="main" tabIndex={-1}>
        {view === 'queue' && <QueueView />}
        {view === 'requests' && id && <RequestDetailView requestId={id} />}
        {view === 'cases' && !id && <CasesView />}
        {view === 'cases' && id && <CaseDetailView caseNumber={id} />}
        {view === 'letters' && <LettersView />}
        {view === 'operations' && <OperationsView />}
        {view === 'access' && <AccessView key={id ?? ''} pidsl={id} />}
        {view === 'calendar' && <CalendarView />}
        {view === 'search' && <SearchView q={id ?? ''} />}
        {!VIEWS.includes(view) && (
          <p className="state">
            There is no such page. <a href={href('queue')}>Go to the link-request queue</a>.
          </p>
        )}
      </main>
    </>
  );
}
