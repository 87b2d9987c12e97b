import { CASE_STATUSES, type CaseStatus } from '@rosterlink/contracts/browser';
import { useQuery } from '@tanstack/react-query';
import { apiJson, ColumnHeaders, ErrorState, Loading, useToken } from '@rosterlink/ui';
import { BarChart, LineChart } from '../charts';
import { QueryKeys } from '../logic/live-invalidation';
import { problemOf, processName } from '../logic/operations-alerts';
import { type OperationsReport, type TopicLag, useOperationsReport } from '../operations';
import { useLinkRequestSummary } from '../summary';
import type { StatusSummary } from '../types';

export function OperationsView() {
  const token = useToken();
  // Both link-request charts are link-request-service's counts over every request (GET /link-requests/summary).
  const summary = useLinkRequestSummary();
  const caseSummary = useQuery({
    queryKey: [QueryKeys.caseSummary],
    queryFn: () => apiJson<StatusSummary<CaseStatus>>(token, '/import/cases/summary'),
  });
  const services = useOperationsReport(10_000);
  const weeks = summary.data?.weekly ?? [];

  return (
    <section aria-labelledby="ops-title">
      <h1 id="ops-title">Operations</h1>
      <div className="grid">
        {/* First: where the banner on every page leads. */}
        <div className="card card-wide">
          <h2>Services</h2>
          {services.isPending && <Loading what="the services' health" />}
          {services.isError && <ErrorState error={services.error} onRetry={() => services.refetch()} />}
          {services.data && <ServicesTable report={services.data} />}
        </div>
        <div className="card">
          {summary.isPending && <Loading what="the link-request counts" />}
          {summary.isError && <ErrorState error={summary.error} onRetry={() => summary.refetch()} />}
          {summary.data && (
            <BarChart
              title="Open link requests by business days left"
              xLabel="business days left"
              buckets={summary.data.byDaysLeft}
              colorOf={(b) => (b.label === 'overdue' ? 'var(--breached)' : Number(b.label) <= 2 ? 'var(--warning)' : 'var(--accent)')}
            />
          )}
        </div>
        <div className="card">
          {summary.data && (
            <LineChart
              title="SLA breaches and decisions per week"
              labels={weeks.map((w) => w.week)}
              series={[
                { name: 'Breaches', color: 'var(--breached)', values: weeks.map((w) => w.breaches) },
                { name: 'Decisions', color: 'var(--accent)', values: weeks.map((w) => w.decisions) },
              ]}
            />
          )}
        </div>
        <div className="card">
          {caseSummary.isPending && <Loading what="the case counts" />}
          {caseSummary.isError && <ErrorState error={caseSummary.error} onRetry={() => caseSummary.refetch()} />}
          {caseSummary.data && (
            <BarChart
              title="Roster-import cases by status"
              xLabel="case status"
              buckets={CASE_STATUSES.map((s) => ({ label: s, value: caseSummary.data.byStatus[s] ?? 0 }))}
              colorOf={(b) => (b.label === 'REJECTED' || b.label === 'FAILED' ? 'var(--breached)' : b.label === 'NEW' || b.label === 'PROCESSING' ? 'var(--warning)' : 'var(--accent)')}
            />
          )}
        </div>
      </div>
    </section>
  );
}

const count = (n: number) => n.toLocaleString('en-US');

/** Each service by its status in words, what that means, its failing checks, and its lag per topic against the thresholds. */
function ServicesTable({ report }: { report: OperationsReport }) {
  const { warningMessages, criticalMessages } = report.lagThresholds;
  const over = (lag: TopicLag) => (lag.status === 'far behind' ? criticalMessages : warningMessages);
  return (
    <>
      <p className="hint" id="lag-thresholds">
        A service is <em>behind</em> when more than {count(warningMessages)} messages wait on a topic it consumes, and <em>far behind</em> over{' '}
        {count(criticalMessages)}: then every page shows a banner, as it does for a service that is down or not answering.
      </p>
      <table className="data compact" aria-describedby="lag-thresholds">
        <ColumnHeaders columns={['Service', 'Status', 'Kafka consumer lag by topic']} />
        <tbody>
          {report.items.map((s) => (
            <tr key={s.service}>
              <th scope="row" className="service-name">
                {processName(s.service)}
              </th>
              <td>
                <span className={`badge ops-${s.status.replace(' ', '-')}`}>{s.status}</span>
                {s.status !== 'up' && <div className="hint">{problemOf(s, report.lagThresholds)?.meaning}</div>}
                {Object.entries(s.checks)
                  .filter(([, state]) => state !== 'up')
                  .map(([name, state]) => (
                    <div key={name} className="hint">
                      {name}: {state}
                    </div>
                  ))}
              </td>
              <td>
                {s.lag ? (
                  <ul className="plain">
                    {s.lag.map((lag) => (
                      <li key={lag.topic}>
                        {lag.topic}: <strong>{count(lag.messages)}</strong> messages behind
                        {lag.status !== 'ok' && (
                          <span className={`lag-${lag.status.replace(' ', '-')}`}>
                            {' '}
                            · {lag.status}, over {count(over(lag))}
                          </span>
                        )}
                      </li>
                    ))}
                  </ul>
                ) : s.health === 'unreachable' ? (
                  <span className="hint">lag unknown: the service does not answer</span>
                ) : (
                  <span className="hint">lag unavailable (no consumer reported, or Kafka is not answering)</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
