import { businessDateOf, CASE_STATUSES } from '@rosterlink/contracts/browser';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiJson, ColumnHeaders, ErrorState, Loading, useToken } from '@rosterlink/ui';
import { BarChart, LineChart } from '../charts';
import { openByDaysLeft, weeklyBreachesAndDecisions } from '../logic/workload';
import type { LinkRequest, Page, RosterCase, ServiceStatus } from '../types';

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
  const services = useQuery({
    queryKey: ['operations'],
    queryFn: () => apiJson<{ items: ServiceStatus[] }>(token, '/operations'),
    refetchInterval: 10_000,
  });
  const today = businessDateOf(new Date());
  const weeks = requests.data ? weeklyBreachesAndDecisions(requests.data.items, today) : [];
  const casesFailed = caseTotals.find((q) => q.isError);

  return (
    <section aria-labelledby="ops-title">
      <h1 id="ops-title">Operations</h1>
      <div className="grid">
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
        <div className="card">
          <h2>Services</h2>
          {services.isPending && <Loading what="the services' health" />}
          {services.isError && <ErrorState error={services.error} onRetry={() => services.refetch()} />}
          {services.data && (
            <table className="data compact">
              <ColumnHeaders columns={['Service', 'Health', 'Kafka consumer lag']} />
              <tbody>
                {services.data.items.map((s) => (
                  <tr key={s.service}>
                    <th scope="row">{s.service}</th>
                    <td>
                      <span className={`badge health-${s.health}`}>{s.health}</span>
                      {Object.entries(s.checks)
                        .filter(([, state]) => state !== 'up')
                        .map(([name, state]) => (
                          <div key={name} className="hint">
                            {name}: {state}
                          </div>
                        ))}
                    </td>
                    <td>
                      {s.consumerLag ? (
                        <>
                          <strong>{Object.values(s.consumerLag).reduce((a, b) => a + b, 0)}</strong> messages behind
                          <details>
                            <summary>by topic</summary>
                            <ul className="plain">
                              {Object.entries(s.consumerLag).map(([topic, lag]) => (
                                <li key={topic}>
                                  {topic}: {lag}
                                </li>
                              ))}
                            </ul>
                          </details>
                        </>
                      ) : (
                        <span className="hint">lag unavailable (no consumer reported, or Kafka is not answering)</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>
    </section>
  );
}
