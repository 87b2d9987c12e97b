import { Empty, ErrorState, href, Loading } from '@rosterlink/ui';
import { usePractices } from '../practices-query';
import { PractitionerTable } from './PractitionerTable';
import { ProviderInformationTab } from './ProviderInformationTab';
import { RecentlyViewed } from './RecentlyViewed';
import { RosterUploadTab } from './RosterUploadTab';
import { UsersAndAccessTab } from './UsersAndAccessTab';

export type GroupAccountTab = 'roster-upload' | 'practitioners' | 'provider-information' | 'users-and-access';

/**
 * The Group Account page of one practice: the Roster Upload and Practitioners tabs with its Recently Viewed
 * cases, Manage Provider Information (the group link request, seed 003), whose panels `path` names, and for
 * a Primary User of any of its locations, Users and Access (`path`: the PID/SL shown).
 */
export function GroupAccountView({ groupId, tab, path = [] }: { groupId: string; tab: GroupAccountTab; path?: string[] }) {
  const { me, practices } = usePractices();
  if (me.isPending) return <Loading what="the practice" />;
  if (me.isError) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  const practice = practices?.find((p) => p.groupId === groupId);
  if (!practice) {
    return (
      <Empty>
        Practice {groupId} is not one of your practices. <a href={href()}>Go Home</a> and select one of yours.
      </Empty>
    );
  }
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={href()}>Home</a> › <span aria-current="page">Group Account</span>
      </nav>
      <h1>Group Account: {practice.name}</h1>
      <p className="hint">
        Provider ID {groupId} · your service locations {practice.serviceLocations.join(', ')}
      </p>
      {tab === 'provider-information' || tab === 'users-and-access' ? (
        <>
          <GroupAccountTabs groupId={groupId} tab={tab} primary={practice.primaryFor.length > 0} />
          {tab === 'provider-information' && <ProviderInformationTab groupId={groupId} practiceName={practice.name} path={path} />}
          {tab === 'users-and-access' && <UsersAndAccessTab groupId={groupId} primaryFor={practice.primaryFor} requested={path[0]} />}
        </>
      ) : (
        <div className="columns">
          <div>
            <GroupAccountTabs groupId={groupId} tab={tab} primary={practice.primaryFor.length > 0} />
            {tab === 'roster-upload' && <RosterUploadTab groupId={groupId} practiceName={practice.name} />}
            {tab === 'practitioners' && (
              <section aria-labelledby="practitioners-title">
                <h2 id="practitioners-title">Practitioners</h2>
                <PractitionerTable groupId={groupId} />
              </section>
            )}
          </div>
          <RecentlyViewed groupId={groupId} />
        </div>
      )}
    </>
  );
}

/** The Group Account's tabs; Users and Access only for a Primary User of one of the practice's locations. */
function GroupAccountTabs({ groupId, tab, primary }: { groupId: string; tab: GroupAccountTab; primary: boolean }) {
  return (
    <nav className="tabs" aria-label="Group Account">
      <a href={href('practices', groupId)} aria-current={tab === 'roster-upload' ? 'page' : undefined}>
        Roster Upload
      </a>
      <a href={href('practices', groupId, 'practitioners')} aria-current={tab === 'practitioners' ? 'page' : undefined}>
        Practitioners
      </a>
      <a href={href('practices', groupId, 'provider-information')} aria-current={tab === 'provider-information' ? 'page' : undefined}>
        Manage Provider Information
      </a>
      {primary && (
        <a href={href('practices', groupId, 'users-and-access')} aria-current={tab === 'users-and-access' ? 'page' : undefined}>
          Users and Access
        </a>
      )}
    </nav>
  );
}
