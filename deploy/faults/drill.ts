import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Partitioners } from 'kafkajs';
import { cloudEventHeaders, EventTopic, ProviderMasterUpsertedV1, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  demoGroups,
  demoIndividuals,
  demoServiceLocationIds,
  LoopbackMailbox,
  providerUser,
  rosterCsv,
  rosterRow,
  RosterRowValues,
  serviceEnv,
  tokenFor,
} from '@rosterlink/testing';
import { DrillService, SERVICE_NAMES, ServiceName, UnexpectedExit } from './drill-service';
import { EventLedger } from './event-ledger';
import { Checked, checkInvariants, lost, progress, Violation, waitForQuiet } from './invariants';
import { PrivateStack } from './private-stack';
import { DrillRow } from './table';

export type Scale = 'short' | 'full';

export function drillScale(): Scale {
  const scale = process.env['FAULT_DRILL_SCALE'] ?? 'short';
  if (scale !== 'short' && scale !== 'full') throw new Error(`FAULT_DRILL_SCALE must be short or full, not "${scale}"`);
  return scale;
}

/** How much each drill does: `full` for `npm run test:faults`, `short` inside `npm test`. */
export const SIZES = {
  short: {
    uploadBurst: 30, importRows: 5_000, decisions: 20, kafkaUploads: 50, pgImportRows: 5_000, redisImportRows: 2_000, slaRequests: 6, aborts: 50,
    individuals: 600, settleMs: 180_000, replicaGroups: 12, replicaPractitioners: 560, replicaDecisions: 24,
  },
  full: {
    uploadBurst: 200, importRows: 100_000, decisions: 50, kafkaUploads: 500, pgImportRows: 20_000, redisImportRows: 20_000, slaRequests: 20, aborts: 50,
    individuals: 1500, settleMs: 1_500_000, replicaGroups: 24, replicaPractitioners: 1_500, replicaDecisions: 60,
  },
} as const satisfies Record<Scale, Record<string, number>>;

const TEAM_EMAIL = 'provider-enrollment-team@agency.example';
/** The group every roster goes to (Harbor Family Medicine, locations A–C). */
export const ROSTER_GROUP = '110000001';

/** Which contract topics each service's consumer group reads (for its lag). */
const CONSUMED: Record<ServiceName, EventTopic[]> = {
  'upload-service': [Topics.ProviderMasterUpserted, Topics.RosterImportCaseCreated, Topics.RosterImportCompleted],
  'import-service': [Topics.ProviderMasterUpserted, Topics.RosterUploaded],
  'link-request-service': [Topics.ProviderMasterUpserted, Topics.PractitionerAffiliated],
  'notification-service': [Topics.RosterImportCompleted, Topics.LinkRequestProcessed, Topics.LinkRequestSlaWarning, Topics.LinkRequestSlaBreached],
};

export interface HttpOutcome<T = Record<string, unknown>> {
  status: number;
  body?: T;
  /** A network error: connection refused or reset, timeout. */
  error?: string;
}

/**
 * One fault-drill run: the private stack, the four services as processes, a real SMTP mailbox,
 * the event ledger, and the client operations the drills drive (uploads, imports, link requests,
 * decisions). Each drill ends with `verdict`, which waits for the system to settle and counts
 * what was lost or duplicated.
 */
export class Drill {
  readonly stack = new PrivateStack();
  readonly services = {} as Record<ServiceName, DrillService>;
  /** Second instances started by a drill (same environment and consumer groups), while they run. */
  readonly replicas: DrillService[] = [];
  readonly rows: DrillRow[] = [];
  mailbox!: LoopbackMailbox;
  /** Where print-and-mail letters go (a PDF and a manifest per letter). */
  mailHouseOutbox = '';
  ledger!: EventLedger;
  providerToken!: string;
  backOfficeToken!: string;
  private nextPractitioner = 1_000;
  private nextProvider = 0;
  private linkable: { pid: string }[] = [];
  private reported = new Set<string>();
  private exitsSeen = 0;
  private env: Record<string, string> = {};
  /** Every instance ever started, replicas included (their crashes count after they are stopped). */
  private readonly instances: DrillService[] = [];

  constructor(readonly scale: Scale) {}

  get sizes() {
    return SIZES[this.scale];
  }

  service(name: ServiceName): DrillService {
    return this.services[name];
  }

  /** A second instance of `name`: the same environment (so the same consumer groups), another port and log file. */
  async startReplica(name: ServiceName, instance = 'replica'): Promise<DrillService> {
    const replica = new DrillService(name, await freePortNear(), this.env, instance);
    this.instances.push(replica);
    this.replicas.push(replica);
    await replica.start();
    return replica;
  }

  /** Stops a replica (SIGTERM: its consumers leave their groups) and forgets it. */
  async stopReplica(replica: DrillService): Promise<void> {
    await replica.stop();
    this.replicas.splice(this.replicas.indexOf(replica), 1);
  }

  async setUp(): Promise<void> {
    await this.stack.start();
    this.mailbox = await LoopbackMailbox.onFreePort();
    await this.mailbox.start();
    this.ledger = new EventLedger(this.stack.kafka('fault-ledger'), this.stack.topicPrefix);
    const letters = join(this.stack.fileStoreDir, 'letters');
    this.mailHouseOutbox = join(letters, 'mail-house-outbox');
    const env = (this.env = serviceEnv(this.stack.testStack, {
      LOG_LEVEL: 'info',
      DATABASE_POOL_SIZE: '6',
      SLA_SWEEP_INTERVAL_MS: '2000',
      LETTER_STORE_DIR: letters,
      LETTER_MAIL_OUTBOX_DIR: this.mailHouseOutbox,
      SMTP_URL: this.mailbox.url,
      SLA_BREACH_TEAM_EMAIL: TEAM_EMAIL,
      DELIVERY_BACKOFF_MS: '500',
    }));
    const ports = await Promise.all(SERVICE_NAMES.map(() => freePortNear()));
    SERVICE_NAMES.forEach((name, i) => this.instances.push((this.services[name] = new DrillService(name, ports[i], env))));
    await Promise.all(SERVICE_NAMES.map((name) => this.services[name].start()));
    this.providerToken = await tokenFor(providerUser(...demoServiceLocationIds()), this.stack);
    this.backOfficeToken = await tokenFor(backOfficeUser());
    await this.seedProviderMaster();
    progress(`private stack up (PostgreSQL ${this.stack.databaseUrl}, Redis ${this.stack.redisUrl}, Kafka ${this.stack.kafkaBrokers}), services started, provider master seeded`);
  }

  async tearDown(): Promise<void> {
    await Promise.allSettled([...this.replicas, ...SERVICE_NAMES.map((name) => this.services[name])].map((s) => s?.stop()));
    await this.mailbox?.stop();
    await this.stack.stop();
  }

  /** The demo groups and `individuals` providers, through provider-master.upserted.v1, then waits until every service holds them. */
  private async seedProviderMaster(): Promise<void> {
    const individuals = demoIndividuals(this.sizes.individuals);
    // Every other group has a correspondence e-mail on file: its letters go by e-mail (to the drills'
    // SMTP mailbox, where each can be counted), the others' to the print-and-mail outbox.
    const groups = demoGroups().map((group, i) => (i % 2 === 1 ? { ...group, correspondenceEmail: `enrollment@group-${group.pid}.example` } : group));
    const records: ProviderMasterUpsertedV1[] = [...groups, ...individuals];
    this.linkable = individuals.filter((p) => !['LTSS', 'DENTAL', 'ORP'].includes(p.providerType));
    const producer = this.stack.kafka('fault-seed').producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let i = 0; i < records.length; i += 500) {
      await producer.send({
        topic: this.stack.topicPrefix + Topics.ProviderMasterUpserted,
        acks: -1,
        messages: records.slice(i, i + 500).map((record) => ({
          key: record.pid,
          value: JSON.stringify(record),
          headers: cloudEventHeaders({ id: randomUUID(), type: Topics.ProviderMasterUpserted, source: '/rosterlink/fault-drills', time: new Date().toISOString() }),
        })),
      });
    }
    await producer.disconnect();
    await this.until(async () => {
      const [counts] = await this.stack.sql<{ upload: number; import: number; link: number; providers: number }>(`
        SELECT (SELECT count(*) FROM roster_upload.provider_groups)::int AS upload,
               (SELECT count(*) FROM roster_import.provider_groups)::int AS import,
               (SELECT count(*) FROM link_request.provider_groups)::int AS link,
               (SELECT count(*) FROM link_request.providers)::int AS providers`);
      const n = groups.length;
      return counts.upload === n && counts.import === n && counts.link === n && counts.providers === individuals.length;
    }, 120_000, 'the provider master to reach every service');
  }

  // Client operations -----------------------------------------------------------------------

  async http<T = Record<string, unknown>>(
    service: ServiceName,
    path: string,
    init: { method?: string; token?: string; json?: unknown; body?: FormData; timeoutMs?: number; via?: DrillService } = {},
  ): Promise<HttpOutcome<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${init.token ?? this.providerToken}` };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    try {
      const response = await fetch(`${(init.via ?? this.services[service]).baseUrl}${path}`, {
        method: init.method ?? 'GET',
        headers,
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
        signal: AbortSignal.timeout(init.timeoutMs ?? 30_000),
      });
      const text = await response.text();
      let body: T | undefined;
      try {
        body = text ? (JSON.parse(text) as T) : undefined;
      } catch {
        body = undefined;
      }
      return { status: response.status, body };
    } catch (error) {
      return { status: 0, error: String((error as Error).cause ?? error) };
    }
  }

  /** `count` NPIs no roster of the run uses. */
  freshNpis(count: number): string[] {
    return this.freshRows(count).map((row) => String(row['NPI']));
  }

  /** `count` roster rows with NPIs no other roster of the run uses. */
  freshRows(count: number, overrides: RosterRowValues = {}): RosterRowValues[] {
    const first = this.nextPractitioner;
    this.nextPractitioner += count;
    return Array.from({ length: count }, (_, i) => rosterRow(first + i, overrides));
  }

  async upload(csv: string, fileName = 'roster.csv', timeoutMs = 60_000): Promise<HttpOutcome<{ uploadId: string }>> {
    const form = new FormData();
    form.append('groupId', ROSTER_GROUP);
    form.append('importType', 'ADD_UPDATE');
    form.append('file', new Blob([csv]), fileName);
    return this.http<{ uploadId: string }>('upload-service', '/roster-uploads', { method: 'POST', body: form, timeoutMs });
  }

  /**
   * Uploads `count` small distinct rosters, `concurrency` at a time; `onProgress` sees each answer.
   * A client whose upload got no answer (connection refused or reset, 5xx) tries again, as a portal
   * would: a 409 "same file, case open" then means its first attempt did land.
   */
  async uploadBurst(count: number, concurrency: number, onProgress?: (done: number) => void): Promise<{ accepted: number; uploadIds: string[]; refused: HttpOutcome[] }> {
    const files = Array.from({ length: count }, () => rosterCsv(this.freshRows(2)));
    const uploadIds: string[] = [];
    const refused: HttpOutcome[] = [];
    let accepted = 0;
    let done = 0;
    await runPool(files, concurrency, async (csv) => {
      const deadline = Date.now() + 180_000;
      let outcome = await this.upload(csv, 'burst.csv');
      onProgress?.(++done);
      let retried = false;
      while ((outcome.status === 0 || outcome.status >= 500) && Date.now() < deadline) {
        await sleep(500);
        retried = true;
        outcome = await this.upload(csv, 'burst.csv');
      }
      if (outcome.status === 202 && outcome.body?.uploadId) {
        accepted++;
        uploadIds.push(outcome.body.uploadId);
      } else if (retried && outcome.status === 409) accepted++;
      else refused.push(outcome);
    });
    return { accepted, uploadIds, refused };
  }

  /** Every accepted upload is stored (its case and events are the invariants' business). */
  async uploadsStored(uploadIds: string[]): Promise<Violation[]> {
    const stored = new Set(
      (await this.stack.sql<{ upload_id: string }>('SELECT upload_id FROM roster_upload.roster_uploads WHERE upload_id = ANY($1::uuid[])', [uploadIds])).map((r) => r.upload_id),
    );
    return uploadIds.filter((id) => !stored.has(id)).map((id) => lost(`upload:${id}`, `upload ${id} answered 202 but is not stored`));
  }

  /** Every decision the client saw accepted is recorded. */
  async decisionsRecorded(requestIds: string[]): Promise<Violation[]> {
    const open = await this.stack.sql<{ request_id: string }>(
      `SELECT request_id FROM link_request.link_requests WHERE request_id = ANY($1::uuid[]) AND status = 'SUBMITTED'`,
      [requestIds],
    );
    return open.map((r) => lost(`decision:${r.request_id}`, `decision on ${r.request_id} was accepted but the request is still SUBMITTED`));
  }

  /** Waits for an import to finish (up to `timeoutMs`); a case that never completes lost its rows. */
  async importFinished(caseNumber: string, rows: number, timeoutMs = 240_000): Promise<Violation[]> {
    const status = await this.until(async () => {
      const s = await this.caseStatus(caseNumber);
      return ['COMPLETED', 'REJECTED', 'FAILED'].includes(s) && s;
    }, timeoutMs, `case ${caseNumber} to finish`).catch(async () => this.caseStatus(caseNumber));
    return status === 'COMPLETED' ? [] : [lost(`case:${caseNumber}:status`, `case ${caseNumber} of ${rows} valid rows ended ${status}`, rows)];
  }

  /**
   * Waits until import-service is inside the job's transaction (staging rows into roster_rows), so a
   * fault lands mid-import. Returns false when the job finished before that could be seen.
   */
  async importMidway(caseNumber: string, timeoutMs = 60_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const [row] = await this.stack.sql<{ staging: number }>(
        `SELECT count(*)::int AS staging FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE '%roster_rows%' AND pid <> pg_backend_pid()`,
      );
      if (row.staging > 0) return true;
      if ((await this.caseStatus(caseNumber)) !== 'PROCESSING' && (await this.caseStatus(caseNumber)) !== 'NEW') return false;
      await sleep(10);
    }
    return false;
  }

  /** The case import-service opened for an upload (waits for it). */
  async caseOf(uploadId: string, timeoutMs = 120_000): Promise<string> {
    let caseNumber = '';
    await this.until(async () => {
      const [row] = await this.stack.sql<{ case_number: string }>('SELECT case_number FROM roster_import.cases WHERE upload_id = $1', [uploadId]);
      caseNumber = row?.case_number ?? '';
      return !!caseNumber;
    }, timeoutMs, `a case for upload ${uploadId}`);
    return caseNumber;
  }

  async caseStatus(caseNumber: string): Promise<string> {
    const [row] = await this.stack.sql<{ status: string }>('SELECT status FROM roster_import.cases WHERE case_number = $1', [caseNumber]);
    return row?.status ?? 'MISSING';
  }

  /** Uploads a roster of `rows` rows and opens its case; returns the case number (NEW). */
  async openImport(rows: number): Promise<string> {
    const outcome = await this.upload(rosterCsv(this.freshRows(rows, { 'Service Location': 'B' })), 'large.csv', 300_000);
    if (outcome.status !== 202 || !outcome.body) throw new Error(`the large roster was refused: ${outcome.status} ${outcome.error ?? JSON.stringify(outcome.body)}`);
    return this.caseOf(outcome.body.uploadId);
  }

  async startImport(caseNumber: string): Promise<HttpOutcome> {
    return this.http('import-service', `/cases/${caseNumber}/process`, { method: 'POST' });
  }

  /** Submits `count` link requests (distinct provider and location each); returns their ids. */
  async submitLinkRequests(count: number): Promise<string[]> {
    const locations = demoServiceLocationIds();
    const effectiveDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const ids: string[] = [];
    await runPool(Array.from({ length: count }, () => this.nextProvider++), 4, async (index) => {
      const provider = this.linkable[index];
      if (!provider) throw new Error(`only ${this.linkable.length} linkable providers seeded`);
      const pidsl = locations[index % locations.length];
      const outcome = await this.http<{ requestId: string }>('link-request-service', `/service-locations/${pidsl}/link-requests`, {
        method: 'POST',
        json: { servicingProviderId: provider.pid, effectiveDate, attestation: true },
      });
      if (outcome.status !== 201 || !outcome.body) throw new Error(`link request refused: ${outcome.status} ${outcome.error ?? JSON.stringify(outcome.body)}`);
      ids.push(outcome.body.requestId);
    });
    return ids;
  }

  /** Back office decides one request (every third is a denial, which needs a reason), through `via` if given (a replica). */
  decide(requestId: string, index: number, via?: DrillService): Promise<HttpOutcome> {
    const json = index % 3 === 2 ? { decision: 'DENIED', reason: 'Fault drill: licence not verified' } : { decision: 'APPROVED' };
    return this.http('link-request-service', `/link-requests/${requestId}/decision`, { method: 'POST', json, token: this.backOfficeToken, via });
  }

  /**
   * Decides every request, `concurrency` at a time; `onProgress` sees each answer. A decision that
   * got no 2xx (the service was down) is retried afterwards, as the back-office user would: a 409
   * "already APPROVED/DENIED" then means the first attempt did land. Returns the ids whose decision
   * the client saw accepted.
   */
  async decideAll(requestIds: string[], concurrency: number, onProgress?: (done: number) => void): Promise<{ accepted: string[]; firstTry: number }> {
    const accepted = new Set<string>();
    let done = 0;
    let firstTry = 0;
    const unanswered: string[] = [];
    await runPool(requestIds.map((id, i) => [id, i] as const), concurrency, async ([id, i]) => {
      const outcome = await this.decide(id, i);
      if (outcome.status === 200) {
        accepted.add(id);
        firstTry++;
      } else unanswered.push(id);
      onProgress?.(++done);
    });
    for (const id of unanswered) {
      const outcome = await this.until(async () => {
        const o = await this.decide(id, requestIds.indexOf(id));
        return o.status === 0 || o.status >= 500 ? false : o;
      }, 120_000, `an answer to the decision on ${id}`);
      if (outcome.status === 200 || outcome.status === 409) accepted.add(id);
    }
    return { accepted: [...accepted], firstTry };
  }

  // Faults and waiting --------------------------------------------------------------------------

  /** Each service's consumer-group lag over the topics it reads. */
  async consumerLag(): Promise<Record<ServiceName, number>> {
    const admin = this.stack.kafka('fault-lag').admin();
    await admin.connect();
    try {
      const lag = {} as Record<ServiceName, number>;
      for (const name of SERVICE_NAMES) {
        lag[name] = 0;
        const topics = CONSUMED[name].map((t) => this.stack.topicPrefix + t);
        const committed = await admin.fetchOffsets({ groupId: this.stack.topicPrefix + name, topics });
        for (const topic of committed) {
          const ends = await admin.fetchTopicOffsets(topic.topic);
          for (const end of ends) {
            // Negative: nothing committed yet (-1) or a reset to the earliest offset not consumed from yet (-2).
            const at = Number(topic.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
            lag[name] += Number(end.high) - (at < 0 ? Number(end.low) : at);
          }
        }
      }
      return lag;
    } finally {
      await admin.disconnect();
    }
  }

  /** Polls `probe` until it returns something truthy; throws after `timeoutMs`. */
  async until<T>(probe: () => Promise<T | false>, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe().catch(() => false as const);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await sleep(250);
    }
  }

  /** Restarts any service (or running replica) that died on its own (the crash is already on record). */
  async reviveCrashed(): Promise<void> {
    for (const name of SERVICE_NAMES) {
      if (this.services[name].running) continue;
      progress(`${name} is not running (crashed): restarting it`);
      await this.services[name].start();
    }
    for (const replica of this.replicas.filter((r) => r.crashed)) {
      progress(`${replica.label} crashed: restarting it`);
      await replica.start();
    }
  }

  /**
   * After the last drill: which violations reported by a drill are still there once every service
   * has been running again for a while (a loss that a restart repaired is gone; one that stays is permanent).
   */
  async stillOpen(): Promise<Violation[]> {
    await this.reviveCrashed();
    await waitForQuiet(this.stack, () => this.consumerLag(), Math.min(this.sizes.settleMs, 120_000));
    const { violations } = await checkInvariants(this.stack, this.ledger, this.mailbox, this.mailHouseOutbox);
    return violations;
  }

  private unexpectedExits(): (UnexpectedExit & { instance: DrillService })[] {
    return this.instances
      .flatMap((instance) => instance.unexpectedExits.map((exit) => ({ ...exit, instance })))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
  }

  /**
   * Waits for the system to settle, runs the invariants, and records the drill's row. Only
   * violations not reported by an earlier drill count here. A service that exited without being
   * told to fails the drill.
   */
  async verdict(row: Omit<DrillRow, 'lost' | 'duplicated' | 'ok' | 'notes' | 'seconds'>, started: number, own: Violation[] = [], settleMs: number = this.sizes.settleMs): Promise<DrillRow> {
    progress(`${row.scenario}: fault done, waiting for the system to settle`);
    // A service that crashed is restarted, as a supervisor would: the crash fails the drill, and the
    // counts then show whether anything stayed lost or doubled after the restart.
    const busy = await waitForQuiet(this.stack, () => this.consumerLag(), settleMs, () => this.reviveCrashed());
    const checked: Checked = await checkInvariants(this.stack, this.ledger, this.mailbox, this.mailHouseOutbox);
    const fresh = new Map<string, Violation>();
    for (const v of [...own, ...checked.violations]) if (!this.reported.has(v.key) && !fresh.has(v.key)) fresh.set(v.key, v);
    for (const key of fresh.keys()) this.reported.add(key);
    const violations = [...fresh.values()];
    const crashes = this.unexpectedExits().slice(this.exitsSeen);
    const logTail = await Promise.all(crashes.map((c) => c.instance.crashReason()));
    this.exitsSeen += crashes.length;
    const notes = [
      ...crashes.map((c, i) => `CRASH: ${c.label} exited on its own (code ${c.code}, signal ${c.signal})${logTail[i] ? `: ${logTail[i]}` : ''}; restarted`),
      ...(busy.length === 0 ? [] : [`NOT SETTLED (${busy.join(', ')})`]),
      ...violations.slice(0, 8).map((v) => `${v.kind.toUpperCase()}: ${v.detail}`),
      ...(violations.length > 8 ? [`… and ${violations.length - 8} more`] : []),
    ];
    const sum = (kind: Violation['kind']) => violations.filter((v) => v.kind === kind).reduce((n, v) => n + (v.count ?? 1), 0);
    const result: DrillRow = {
      ...row,
      lost: sum('lost'),
      duplicated: sum('duplicated'),
      ok: violations.length === 0 && crashes.length === 0 && busy.length === 0,
      notes,
      seconds: (Date.now() - started) / 1000,
      redeliveries: checked.redeliveries,
    };
    this.rows.push(result);
    progress(`${row.scenario}: ${result.ok ? 'PASS' : 'FAIL'} (lost ${result.lost}, duplicated ${result.duplicated}, ${result.seconds.toFixed(1)} s)`);
    await this.reviveCrashed();
    return result;
  }
}

/** Runs `work` over `items`, at most `concurrency` at a time. */
export async function runPool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(workers);
}

/** A loopback port nothing listens on now; a service keeps it across its restarts. */
function freePortNear(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
