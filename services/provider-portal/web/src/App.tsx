import { useEffect, useRef } from 'react';
import { AppProviders, ErrorAdvice, href, Session, SignIn, SkipLink, useRoute, useSession } from '@rosterlink/ui';
import { CaseView } from './views/CaseView';
import { GroupAccountTab, GroupAccountView } from './views/GroupAccountView';
import { MyRequestsView } from './views/MyRequestsView';
import { NotificationsNavLink, NotificationsView } from './views/NotificationsView';
import { RequestView } from './views/RequestView';
import { WelcomeView } from './views/WelcomeView';

/** What a practice's staff can do about an error. */
const ADVICE: ErrorAdvice = {
  forbidden: "Your account may not do this; ask your practice's Primary User.",
  unavailable: 'If it keeps happening, call the provider help desk.',
  unreachable: 'The portal did not answer. Check your connection, then retry.',
};

export function App({ initialSession = null }: { initialSession?: Session | null }) {
  return (
    <AppProviders advice={ADVICE} initialSession={initialSession}>
      <Shell />
    </AppProviders>
  );
}

function Shell() {
  const { session, signOut } = useSession();
  if (!session) return <SignIn title="rosterlink provider portal" />;
  return <Portal name={session.user.name} onSignOut={signOut} />;
}

function Portal({ name, onSignOut }: { name: string; onSignOut: () => void }) {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const path = route.join('/');
  const first = useRef(true);
  // A new view takes the focus to its content, as a page load would for a screen reader.
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [path]);
  const home = route.length === 0;
  const page = pageOf(route);
  return (
    <>
      <SkipLink />
      <header className="top">
        <span className="brand">rosterlink provider portal</span>
        <nav aria-label="Portal">
          <a href={href()} aria-current={home ? 'page' : undefined}>
            Home
          </a>
          <a href={href('requests')} aria-current={page?.kind === 'requests' ? 'page' : undefined}>
            My requests
          </a>
          <NotificationsNavLink current={page?.kind === 'notifications'} />
        </nav>
        <span className="who">{name}</span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        {home && <WelcomeView name={name} />}
        {page?.kind === 'group-account' && <GroupAccountView groupId={page.groupId} tab={page.tab} path={page.path} />}
        {page?.kind === 'case' && <CaseView key={page.caseNumber} groupId={page.groupId} caseNumber={page.caseNumber} />}
        {page?.kind === 'requests' && <MyRequestsView />}
        {page?.kind === 'request' && <RequestView key={page.requestId} requestId={page.requestId} />}
        {page?.kind === 'notifications' && <NotificationsView />}
        {!home && !page && (
          <p className="state">
            There is no such page. <a href={href()}>Go Home</a> to choose a practice.
          </p>
        )}
      </main>
    </>
  );
}

type PortalPage =
  | { kind: 'group-account'; groupId: string; tab: GroupAccountTab; path: string[] }
  | { kind: 'case'; groupId: string; caseNumber: string }
  | { kind: 'requests' }
  | { kind: 'request'; requestId: string }
  | { kind: 'notifications' };

/** The page a route names (`#/practices/{groupId}/…`, `#/requests[/{requestId}]`, `#/notifications`); null when there is no such page. */
function pageOf(route: string[]): PortalPage | null {
  const [view, groupId, sub, ...rest] = route;
  if (view === 'requests' && route.length === 1) return { kind: 'requests' };
  if (view === 'requests' && route.length === 2) return { kind: 'request', requestId: route[1] };
  if (view === 'notifications' && route.length === 1) return { kind: 'notifications' };
  if (view !== 'practices' || !groupId) return null;
  if (!sub) return { kind: 'group-account', groupId, tab: 'roster-upload', path: [] };
  if (sub === 'practitioners' && rest.length === 0) return { kind: 'group-account', groupId, tab: 'practitioners', path: [] };
  if (sub === 'provider-information') return { kind: 'group-account', groupId, tab: 'provider-information', path: rest };
  if (sub === 'users-and-access' && rest.length <= 1) return { kind: 'group-account', groupId, tab: 'users-and-access', path: rest };
  if (sub === 'cases' && rest.length === 1) return { kind: 'case', groupId, caseNumber: rest[0] };
  return null;
}
