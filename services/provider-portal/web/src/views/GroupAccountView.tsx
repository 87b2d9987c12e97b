import { Empty, ErrorState, href, Loading } from '@rosterlink/ui';
import { usePractices } from '../practices-query';
import { PractitionerTable } from './PractitionerTable';
import { ProviderInformationTab } from './ProviderInformationTab';
import { RecentlyViewed } from './RecentlyViewed';
import { RosterUploadTab } from './RosterUploadTab';

export type GroupAccountTab = 'roster-upload' | 'practitioners' | 'provider-information';

/**
 * The Group Account page of one practice: the Roster Upload and Practitioners tabs with its Recently Viewed
 * cases, and Manage Provider Information (the group link request, seed 003), whose panels `path` names.
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
      {tab === 'provider-information' ? (
        <>
          <GroupAccountTabs groupId={groupId} tab={tab} />
          <ProviderInformationTab groupId={groupId} practiceName={practice.name} path={path} />
        </>
      ) : (
        <div className="columns">
          <div>
            <GroupAccountTabs groupId={groupId} tab={tab} />
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

function GroupAccountTabs({ groupId, tab }: { groupId: string; tab: GroupAccountTab }) {
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
    </nav>
  );
}
