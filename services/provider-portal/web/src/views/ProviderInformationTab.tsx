import { ReactNode, useState } from 'react';
import { PIDSL_PATTERN, pidOf } from '@rosterlink/contracts/browser';
import { Empty, href } from '@rosterlink/ui';
import { LocationsPanel } from './LocationsPanel';
import { ServicingProvidersPanel } from './ServicingProvidersPanel';

/**
 * Manage Provider Information (seed 003, steps 1–7): Maintain Profile → Update Your MassHealth Profile →
 * List of Providers → the Steps panel's Group Practice Info → List of Locations → a location's List of
 * Servicing Providers, where the link request is made. `path` is the route below the tab:
 * [] the menu, ['profile'] List of Providers, ['profile', PID] the Steps panel,
 * ['group-practice-info'] List of Locations, ['group-practice-info', PID/SL] List of Servicing Providers.
 */
export function ProviderInformationTab({ groupId, practiceName, path }: { groupId: string; practiceName: string; path: string[] }) {
  const [panel, id, ...rest] = path;
  const at = (...segments: string[]) => href('practices', groupId, 'provider-information', ...segments);
  if (path.length === 0) return <ProviderServicesMenu profileHref={at('profile')} />;
  if (panel === 'profile' && !id) return <ListOfProviders groupId={groupId} practiceName={practiceName} providerHref={at('profile', groupId)} />;
  if (panel === 'profile' && id === groupId && rest.length === 0) {
    return (
      <ProfileSteps groupId={groupId} practiceName={practiceName} current={null}>
        <p>Select Group Practice Info in the Steps panel to see the service locations of {practiceName} and link a servicing provider to one.</p>
      </ProfileSteps>
    );
  }
  if (panel === 'group-practice-info' && !id) {
    return (
      <ProfileSteps groupId={groupId} practiceName={practiceName} current="group-practice-info">
        <LocationsPanel groupId={groupId} locationHref={(pidsl) => at('group-practice-info', pidsl)} />
      </ProfileSteps>
    );
  }
  if (panel === 'group-practice-info' && id && rest.length === 0) {
    if (!PIDSL_PATTERN.test(id) || pidOf(id) !== groupId) {
      return (
        <Empty>
          {id} is not a service location of this practice. Go back to the <a href={at('group-practice-info')}>List of Locations</a> and select one.
        </Empty>
      );
    }
    return (
      <ProfileSteps groupId={groupId} practiceName={practiceName} current="group-practice-info" location={id}>
        <ServicingProvidersPanel key={id} groupId={groupId} pidsl={id} locationsHref={at('group-practice-info')} />
      </ProfileSteps>
    );
  }
  return (
    <Empty>
      There is no such panel. Start again from <a href={at()}>Manage Provider Information</a>.
    </Empty>
  );
}

/** The Provider Services menu: Manage Provider Information → Maintain Profile → Update Your MassHealth Profile. */
function ProviderServicesMenu({ profileHref }: { profileHref: string }) {
  const [open, setOpen] = useState(false);
  return (
    <section aria-labelledby="manage-title" className="panel provider-services">
      <h2 id="manage-title">Manage Provider Information</h2>
      <p>Keep the practice&apos;s information on file with MassHealth up to date: notify MassHealth of any change within 14 days.</p>
      <button type="button" aria-expanded={open} aria-controls="maintain-profile" onClick={() => setOpen(!open)}>
        Maintain Profile
      </button>
      <ul id="maintain-profile" className="menu" hidden={!open}>
        <li>
          <a href={profileHref}>Update Your MassHealth Profile</a>
        </li>
      </ul>
    </section>
  );
}

/** The List of Providers panel: the provider to update is the selected practice. */
function ListOfProviders({ groupId, practiceName, providerHref }: { groupId: string; practiceName: string; providerHref: string }) {
  return (
    <section aria-labelledby="providers-title" className="panel">
      <Breadcrumb groupId={groupId} trail={[]} current="Update Your MassHealth Profile" />
      <h2 id="providers-title">List of Providers</h2>
      <p>Select the provider you wish to update: click the Provider Name.</p>
      <p className="note">
        <strong>Reminder:</strong> updates for Long-Term Services and Supports (LTSS), Dental and Ordering, referring and prescribing (ORP) providers
        cannot be submitted through this portal.
      </p>
      <table className="data">
        <caption className="visually-hidden">Providers you may update</caption>
        <thead>
          <tr>
            <th scope="col">Provider Name</th>
            <th scope="col">Provider ID</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>
              <a href={providerHref}>{practiceName}</a>
            </td>
            <td>{groupId}</td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}

const STEPS = [{ id: 'group-practice-info', title: 'Group Practice Info' }] as const;

/** The Steps panel beside the profile's panels (only Group Practice Info is updated through this portal). */
function ProfileSteps({
  groupId,
  practiceName,
  current,
  location,
  children,
}: {
  groupId: string;
  practiceName: string;
  current: (typeof STEPS)[number]['id'] | null;
  location?: string;
  children: ReactNode;
}) {
  const trail =
    current === null
      ? []
      : [
          {
            label: practiceName,
            href: href('practices', groupId, 'provider-information', 'profile', groupId),
          },
        ];
  const locationTrail = location
    ? [
        ...trail,
        {
          label: 'Group Practice Info',
          href: href('practices', groupId, 'provider-information', 'group-practice-info'),
        },
      ]
    : trail;
  return (
    <>
      <Breadcrumb
        groupId={groupId}
        trail={locationTrail}
        current={location ? `Location ${location}` : current === null ? practiceName : 'Group Practice Info'}
      />
      <div className="profile-columns">
        <nav aria-labelledby="steps-title" className="panel profile-steps">
          <h2 id="steps-title">Steps</h2>
          <p className="hint">
            {practiceName} ({groupId})
          </p>
          <ul className="menu">
            {STEPS.map((step) => (
              <li key={step.id}>
                <a
                  href={href('practices', groupId, 'provider-information', step.id)}
                  aria-current={current === step.id && !location ? 'page' : undefined}
                >
                  {step.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div>{children}</div>
      </div>
    </>
  );
}

/** Where the user is below Manage Provider Information; each step back is a link. */
function Breadcrumb({ groupId, trail, current }: { groupId: string; trail: { label: string; href: string }[]; current: string }) {
  const steps = [
    {
      label: 'Manage Provider Information',
      href: href('practices', groupId, 'provider-information'),
    },
    ...(current === 'Update Your MassHealth Profile'
      ? []
      : [
          {
            label: 'Update Your MassHealth Profile',
            href: href('practices', groupId, 'provider-information', 'profile'),
          },
        ]),
    ...trail,
  ];
  return (
    <nav aria-label="Provider information" className="breadcrumb">
      {steps.map((step) => (
        <span key={step.href}>
          <a href={step.href}>{step.label}</a> ›{' '}
        </span>
      ))}
      <span aria-current="page">{current}</span>
    </nav>
  );
}
