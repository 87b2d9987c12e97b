import { businessDateOf, CASE_STATUSES } from '@rosterlink/contracts/browser';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiJson, ColumnHeaders, ErrorState, Loading, useToken } from '@rosterlink/ui';
import { BarChart, LineChart } from '../charts';
import { problemOf, processName } from '../logic/operations-alerts';
import { openByDaysLeft, weeklyBreachesAndDecisions } from '../logic/workload';
import { type OperationsReport, type TopicLag, useOperationsReport } from '../operations';
import type { LinkRequest, Page, RosterCase } from '../types';

export function OperationsView() {
  const token = useToken();
  const requests = useQuery({
    queryKey: ['link-requests', 'all'],
    queryFn: () => apiJson<Page<LinkRequest>>(token, '/link-request/link-requests?limit=1000'),
  });
  const caseTotals = useQueries({
    queries: CASE_STATUSES.map((status) => ({
      queryKey: ['case-status-totals', status],
      queryFn: () => apiJson<Page<RosterCase>>(token, `/import/cases?status=${status}&limit=1`),
    })),
  });
  const services = useOperationsReport(10_000);
  const today = businessDateOf(new Date());
  const weeks = requests.data ? weeklyBreachesAndDecisions(requests.data.items, today) : [];
  const casesFailed = caseTotals.find((q) => q.isError);

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
          {requests.isPending && <Loading what="the link requests" />}
          {requests.isError && <ErrorState error={requests.error} onRetry={() => requests.refetch()} />}
          {requests.data && (
            <BarChart
              title="Open link requests by business days left"
              xLabel="business days left"
              buckets={openByDaysLeft(requests.data.items)}
              colorOf={(b) => (b.label === 'overdue' ? 'var(--breached)' : Number(b.label) <= 2 ? 'var(--warning)' : 'var(--accent)')}
            />
          )}
        </div>
        <div className="card">
          {requests.data && (
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
          {casesFailed && <ErrorState error={casesFailed.error} onRetry={() => caseTotals.forEach((q) => q.refetch())} />}
          {caseTotals.every((q) => q.data) ? (
            <BarChart
              title="Roster-import cases by status"
              xLabel="case status"
              buckets={CASE_STATUSES.map((s, i) => ({ label: s, value: caseTotals[i].data!.total }))}
              colorOf={(b) => (b.label === 'REJECTED' || b.label === 'FAILED' ? 'var(--breached)' : b.label === 'NEW' || b.label === 'PROCESSING' ? 'var(--warning)' : 'var(--accent)')}
            />
          ) : (
            !casesFailed && <Loading what="the case counts" />
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
