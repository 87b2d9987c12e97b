import { randomUUID } from 'node:crypto';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { AssignerProtocol, Message, PartitionMetadata, Partitioners } from 'kafkajs';
import { Client } from 'pg';
import { cloudEventHeaders, EVENT_DEFINITIONS, EventTopic, PractitionerAffiliatedV1, TOPIC_SPECS, Topics } from '@rosterlink/contracts';
import { Drill, runPool } from './drill';
import { DrillService, ServiceName } from './drill-service';
import { disordered, duplicated, lost, progress, Violation, waitForQuiet } from './invariants';
import { DrillRow } from './table';

/**
 * The "two replicas" drill: link-request-service and notification-service each run twice in one
 * consumer group. A burst of practitioner.affiliated.v1 over many groups (so many partitions) and a
 * run of decisions (so link-request.processed.v1 and letters) are shared between the instances;
 * one instance of each is killed -9 while it is inside a batch, the other takes its partitions
 * over, the killed one comes back. Then every effect must exist exactly once and, per key, in
 * the order of the events.
 *
 * Where the kills land is arranged, not left to timing:
 *  - link-request-service: the drill holds chosen events' ids in the service's inbox in its own
 *    open transactions. A consumer whose batch reaches one waits inside its transaction (the
 *    inbox insert waits for the drill's). A first reservation at the head of each partition's
 *    second wave holds the consumers while 1,500 events per partition pile up behind it; once it
 *    is let go, each consumer takes a large batch, commits its first chunk, and waits on the
 *    second reservation, 1,200 events in: killed there, it dies with a chunk committed whose
 *    offsets are not, and a transaction open. The reservations are rolled back, so the events
 *    stay new to the survivor. The rest of the burst arrives during the takeover.
 *  - notification-service: the drill locks notification.letters (SHARE ROW EXCLUSIVE) before
 *    the second half of the decisions, so each consumer waits inside its transaction, after its
 *    inbox insert, on the letter insert. Every earlier letter is SENT first, so no delivery is
 *    caught between its e-mail and its record.
 */

const AFFILIATED = Topics.PractitionerAffiliated;
const PROCESSED = Topics.LinkRequestProcessed;
/** The second reservation's place in each partition's second wave: past the first 1,000-event chunk of a batch. */
const SECOND_RESERVATION_AT = 1_200;
const EFFECTIVE = '2027-01-04';
const TERMINATED_ON = '2027-06-30';
/** The end date of the later of two statements made at the same instant: it must not win. */
const TIED_END = '2027-03-31';

/**
 * What the burst says about one practitioner, and so the link it must leave:
 *  - added: ADDED in the second wave; an open link.
 *  - terminated: ADDED in the first wave, TERMINATED (newer) in the second; the link ends TERMINATED_ON.
 *  - tied: ADDED then UPDATED (end TIED_END) with the same affiliatedAt, in the second wave. A
 *    statement no newer than the link's changes nothing, so the first applied stays: an open
 *    link shows they were applied in event order, an end date of TIED_END that they were not.
 */
type Story = 'added' | 'terminated' | 'tied';

interface Practitioner {
  groupId: string;
  npi: string;
  story: Story;
}

interface BurstEvent {
  id: string;
  partition: number;
  message: Message;
}

interface Burst {
  groups: string[];
  practitioners: Practitioner[];
  firstWave: BurstEvent[];
  secondWave: BurstEvent[];
}

/** A pair of instances of one service, counted from /metrics since the drill began. */
interface Pair {
  service: ServiceName;
  primary: DrillService;
  replica: DrillService;
  topic: EventTopic;
  /** Counters at the start, per instance (the primary has consumed earlier drills' events). */
  base: Map<DrillService, Consumed>;
}

interface Consumed {
  handled: number;
  duplicate: number;
}

interface Kill {
  victim: DrillService;
  survivor: DrillService;
  /** The victim's open transaction when it was killed (null: it had written nothing yet). */
  xid: string | null;
  /** Events the victim had handled (committed) before it was killed. */
  victimHandled: number;
  /** How far the work had got ("3686 of 10080 affiliations applied"). */
  effectsAtKill: string;
}

export async function twoReplicasDrill(drill: Drill, started: number): Promise<DrillRow> {
  const sizes = drill.sizes;
  const notes: string[] = [];
  const replicas = await Promise.all([drill.startReplica('link-request-service'), drill.startReplica('notification-service')]);
  try {
    const link = await pairOf(drill, 'link-request-service', replicas[0], AFFILIATED);
    const notify = await pairOf(drill, 'notification-service', replicas[1], PROCESSED);
    const assignments = await Promise.all([link, notify].map((pair) => bothAssigned(drill, pair)));
    progress(`two replicas: both instances in each consumer group (partitions ${assignments.join(', ')})`);

    const burst = affiliationBurst(drill, sizes.replicaGroups, sizes.replicaPractitioners);
    const burstIds = [...burst.firstWave, ...burst.secondWave].map((e) => e.id);
    const requestIds = await drill.submitLinkRequests(sizes.replicaDecisions);
    const firstHalf = requestIds.slice(0, Math.ceil(requestIds.length / 2));
    const secondHalf = requestIds.slice(firstHalf.length);

    // 1. Shared work: the first wave and the first half of the decisions, through both instances.
    await Promise.all([produce(drill, burst.firstWave), decide(drill, firstHalf, 0, [link.primary, link.replica])]);
    await Promise.all([
      drill.until(async () => (await inboxCount(drill, burst.firstWave.map((e) => e.id))) === burst.firstWave.length, 120_000, 'the first wave in the inbox'),
      drill.until(async () => (await sentLetters(drill, firstHalf)) === firstHalf.length, 120_000, 'the first half of the letters sent'),
    ]);
    for (const pair of [link, notify]) {
      const counts = await Promise.all([pair.primary, pair.replica].map((instance) => handledSince(pair, instance)));
      notes.push(`${pair.service}: shared ${counts[0]} + ${counts[1]} ${pair.topic} before the kill-phase`);
      if (counts.some((n) => n === 0)) notes.push(`NOT SHARED: one ${pair.service} instance consumed nothing (${counts.join(' + ')})`);
    }

    // 2. Both consumers of each service held inside a batch; one of each killed there.
    const { held, rest } = splitSecondWave(burst.secondWave);
    const kills = await killInsideBatches(drill, held, burstIds, link, notify, { ids: secondHalf, firstIndex: firstHalf.length });

    // 3. The survivors take over (their group drops the dead member after its session timeout)
    // while the rest of the burst arrives; the killed instances come back.
    const [, linkTakeover, notifyTakeover] = await Promise.all([
      produce(drill, rest),
      takeOver(drill, link, kills.link, burstIds.length, () => inboxCount(drill, burstIds)),
      takeOver(drill, notify, kills.notify, requestIds.length, () => letterCount(drill, requestIds)),
    ]);
    const evidence = [...linkTakeover.violations, ...notifyTakeover.violations];
    notes.push(linkTakeover.note, notifyTakeover.note);
    await Promise.all([kills.link.victim.start(), kills.notify.victim.start()]);

    // 4. Settled: each effect once and in its key's order (the links, the letters in the
    // invariants), each event once in each inbox, in its key's order.
    await waitForQuiet(drill.stack, () => drill.consumerLag(), sizes.settleMs, () => drill.reviveCrashed());
    await drill.ledger.catchUp();
    const effects = [...(await drill.decisionsRecorded(requestIds)), ...(await linksOnceInOrder(drill, burst))];
    const processedIds = eventIdsOf(drill, PROCESSED, new Set(requestIds));
    evidence.push(
      ...(await inboxHolds(drill, 'link_request', 'link-request-service', AFFILIATED, new Set(burstIds))),
      ...(await inboxHolds(drill, 'notification', 'notification-service', PROCESSED, processedIds)),
    );
    const keys = [
      await keptOrder(drill, 'link_request', 'link-request-service', AFFILIATED, new Set(burstIds), evidence),
      await keptOrder(drill, 'notification', 'notification-service', PROCESSED, processedIds, evidence),
    ];
    notes.push(`per-key order checked over ${keys[0]} group keys (${AFFILIATED}) and ${keys[1]} location keys (${PROCESSED})`);
    // The table counts operations: events missing from an inbox or a counter are the same loss as
    // the links they would have made, so they add to the count only when no effect shows it.
    const own = [...effects, ...evidence.map((v) => (effects.some((e) => e.kind === v.kind) ? { ...v, count: 0 } : v))];

    const row = await drill.verdict(
      {
        scenario: 'two replicas',
        fault: 'kill -9 1 of 2 link-request-service + 1 of 2 notification-service mid-batch, restart',
        attempted: `${burstIds.length} affiliations + ${requestIds.length} decisions`,
        accepted: `${burstIds.length} affiliations + ${requestIds.length} letters`,
      },
      started,
      own,
    );
    row.notes.push(...notes);
    if (notes.some((n) => n.startsWith('NOT SHARED'))) row.ok = false;
    return row;
  } finally {
    await Promise.allSettled(replicas.map((replica) => drill.stopReplica(replica)));
  }
}

// The burst -----------------------------------------------------------------------------------

/**
 * `groups` groups (an equal number on each partition of the topic) of `practitioners` each; their
 * events in two waves, the groups interleaved, each practitioner's in order.
 */
function affiliationBurst(drill: Drill, groupCount: number, practitioners: number): Burst {
  const partitions = TOPIC_SPECS.find((s) => s.name === AFFILIATED)?.partitions ?? 1;
  const groups = groupsOverPartitions(groupCount, partitions);
  const partitionOf = partitionerFor(partitions);
  const stated = Date.now();
  const first = new Date(stated).toISOString();
  const second = new Date(stated + 1000).toISOString();
  const all: Practitioner[] = [];
  const firstWave: BurstEvent[][] = [];
  const secondWave: BurstEvent[][] = [];
  groups.forEach((groupId, g) => {
    const waves: [BurstEvent[], BurstEvent[]] = [[], []];
    const event = (wave: 0 | 1, p: Practitioner, change: PractitionerAffiliatedV1['change'], at: string, step: number, endDate?: string) => {
      const payload: PractitionerAffiliatedV1 = {
        groupId: p.groupId,
        serviceLocation: 'A',
        npi: p.npi,
        firstName: 'Replica',
        lastName: `Practitioner${p.npi}`,
        providerType: 'PHYSICIAN',
        change,
        status: change === 'TERMINATED' ? 'TERMINATED' : 'SUBMITTED',
        effectiveDate: EFFECTIVE,
        ...(endDate ? { endDate } : {}),
        // A case per group, wave and statement, in a year no import of the run reaches.
        caseNumber: `RI-2099-${wave + 1}${String(g).padStart(3, '0')}${String(step).padStart(2, '0')}`,
        affiliatedAt: at,
      };
      const id = randomUUID();
      const key = EVENT_DEFINITIONS[AFFILIATED].keyOf(payload);
      waves[wave].push({
        id,
        partition: partitionOf(key),
        message: { key, value: JSON.stringify(payload), headers: cloudEventHeaders({ id, type: AFFILIATED, source: '/rosterlink/import-service', time: at }) },
      });
    };
    const mine = drill.freshNpis(practitioners).map((npi, i): Practitioner => ({ groupId, npi, story: i % 4 === 2 ? 'terminated' : i % 4 === 3 ? 'tied' : 'added' }));
    for (const p of mine) {
      if (p.story === 'terminated') event(0, p, 'ADDED', first, 0);
      if (p.story === 'added') event(1, p, 'ADDED', second, 1);
      if (p.story === 'terminated') event(1, p, 'TERMINATED', second, 2, TERMINATED_ON);
      if (p.story === 'tied') {
        event(1, p, 'ADDED', second, 3);
        event(1, p, 'UPDATED', second, 4, TIED_END);
      }
    }
    all.push(...mine);
    firstWave.push(waves[0]);
    secondWave.push(waves[1]);
  });
  return { groups, practitioners: all, firstWave: interleave(firstWave), secondWave: interleave(secondWave) };
}

/**
 * Each partition's first SECOND_RESERVATION_AT + 300 events of the second wave (`held`, produced
 * before the kills) and the others (`rest`, after): the order within each partition is kept.
 */
function splitSecondWave(events: BurstEvent[]): { held: BurstEvent[]; rest: BurstEvent[] } {
  const seen = new Map<number, number>();
  const held: BurstEvent[] = [];
  const rest: BurstEvent[] = [];
  for (const e of events) {
    const n = seen.get(e.partition) ?? 0;
    seen.set(e.partition, n + 1);
    (n < SECOND_RESERVATION_AT + 300 ? held : rest).push(e);
  }
  return { held, rest };
}

/** Round-robin over the groups' lists, each list's order kept. */
function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; out.length < lists.reduce((n, l) => n + l.length, 0); i++) for (const list of lists) if (i < list.length) out.push(list[i]);
  return out;
}

/** The partition kafkajs' default partitioner gives a key, all partitions up. */
function partitionerFor(partitions: number): (key: string) => number {
  const partitioner = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
  return (key) => partitioner({ topic: AFFILIATED, partitionMetadata, message: { key, value: null } });
}

/** Group PIDs (160000001 on) taken so that each partition holds as many groups as the others. */
function groupsOverPartitions(count: number, partitions: number): string[] {
  const partitionOf = partitionerFor(partitions);
  const perPartition = new Array<number>(partitions).fill(0);
  const groups: string[] = [];
  for (let pid = 160_000_001; groups.length < count; pid++) {
    const p = partitionOf(String(pid));
    if (perPartition[p] >= Math.ceil(count / partitions)) continue;
    perPartition[p]++;
    groups.push(String(pid));
  }
  return groups;
}

/** Produces the events in order (one producer, one request in flight), as import-service's relay would. */
async function produce(drill: Drill, events: BurstEvent[]): Promise<void> {
  const producer = drill.stack.kafka('fault-replicas').producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    for (let i = 0; i < events.length; i += 500) {
      await producer.send({ topic: drill.stack.topicPrefix + AFFILIATED, acks: -1, messages: events.slice(i, i + 500).map((e) => e.message) });
    }
  } finally {
    await producer.disconnect();
  }
}

// Holding consumers inside a batch, and killing one ---------------------------------------------

/**
 * Event ids held in a service's inbox by an open transaction of the drill: a consumer reaching
 * one waits on it inside its own transaction. `release` rolls back (the events stay new).
 */
class Reservation {
  private constructor(
    private readonly client: Client,
    readonly backendPid: number,
  ) {}

  static async hold(drill: Drill, schema: string, consumer: string, topic: EventTopic, eventIds: string[]): Promise<Reservation> {
    const client = await connect(drill);
    await client.query('BEGIN');
    await client.query(`INSERT INTO ${schema}.inbox (consumer, event_id, topic) SELECT $1, unnest($2::uuid[]), $3`, [consumer, eventIds, topic]);
    return new Reservation(client, (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  }

  /** A table lock (SHARE ROW EXCLUSIVE: reads go on, writes wait) held by an open transaction. */
  static async lockTable(drill: Drill, table: string): Promise<Reservation> {
    const client = await connect(drill);
    await client.query('BEGIN');
    await client.query(`LOCK TABLE ${table} IN SHARE ROW EXCLUSIVE MODE`);
    return new Reservation(client, (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);
  }

  async release(): Promise<void> {
    await this.client.query('ROLLBACK').catch(() => undefined);
    await this.client.end().catch(() => undefined);
  }
}

async function connect(drill: Drill): Promise<Client> {
  const client = new Client({ connectionString: drill.stack.databaseUrl, application_name: 'fault-drill-replicas' });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

interface Waiting {
  instance: DrillService;
  xid: string | null;
}

/**
 * The instances (of `pair`) with a database session that waits on `holder`'s transaction and runs
 * a statement matching `statement`: a consumer inside its transaction.
 */
async function waitingOn(drill: Drill, pair: Pair, holder: Reservation, statement: string): Promise<Waiting[]> {
  const rows = await drill.stack.sql<{ client_port: number; xid: string | null }>(
    `SELECT client_port, backend_xid::text AS xid FROM pg_stat_activity
     WHERE datname = current_database() AND $1 = ANY(pg_blocking_pids(pid)) AND query ILIKE $2`,
    [holder.backendPid, `%${statement}%`],
  );
  if (rows.length === 0) return [];
  const owners = await socketOwners([pair.primary, pair.replica]);
  const waiting = new Map<DrillService, Waiting>();
  for (const row of rows) {
    const instance = owners.get(row.client_port);
    if (instance && !waiting.has(instance)) waiting.set(instance, { instance, xid: row.xid });
  }
  return [...waiting.values()];
}

/**
 * Waits until both instances wait on `holder`, or one does and the other has not for `oneAfterMs`
 * (its partitions got none of the events). Short: a consumer waiting gives no heartbeat, and its
 * group drops it after 10 s.
 */
async function untilWaiting(drill: Drill, pair: Pair, holder: Reservation, statement: string, what: string, oneAfterMs = 3_000): Promise<Waiting[]> {
  const since = Date.now();
  return drill.until(async () => {
    const waiting = await waitingOn(drill, pair, holder, statement);
    return (waiting.length === 2 || (waiting.length === 1 && Date.now() - since > oneAfterMs)) && waiting;
  }, 60_000, what);
}

/** Local TCP port → the instance whose process holds that socket (from /proc: no tool needed). */
async function socketOwners(instances: DrillService[]): Promise<Map<number, DrillService>> {
  const portOfInode = new Map<string, number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length > 9) portOfInode.set(fields[9], parseInt(fields[1].split(':')[1], 16));
    }
  }
  const owners = new Map<number, DrillService>();
  for (const instance of instances) {
    const pid = instance.pid;
    if (!pid) continue;
    for (const fd of await readdir(`/proc/${pid}/fd`).catch(() => [] as string[])) {
      const inode = /^socket:\[(\d+)\]$/.exec(await readlink(`/proc/${pid}/fd/${fd}`).catch(() => ''))?.[1];
      const port = inode ? portOfInode.get(inode) : undefined;
      if (port) owners.set(port, instance);
    }
  }
  return owners;
}

/**
 * Holds both consumers of each service inside a batch, kills one of each there (the primary of
 * link-request-service and the replica of notification-service, when both wait), then lets go.
 * Of the second wave, `held` is produced first (each partition's head, then the rest of it); the
 * caller produces the remainder after the kills.
 */
async function killInsideBatches(drill: Drill, held: BurstEvent[], burstIds: string[], link: Pair, notify: Pair, secondHalf: { ids: string[]; firstIndex: number }): Promise<{ link: Kill; notify: Kill }> {
  const byPartition = new Map<number, BurstEvent[]>();
  for (const e of held) byPartition.set(e.partition, [...(byPartition.get(e.partition) ?? []), e]);
  const heads = [...byPartition.values()].map((events) => events[0]);
  const deep = [...byPartition.values()].map((events) => events[Math.min(SECOND_RESERVATION_AT, events.length - 1)].id);
  const holds: Reservation[] = [];
  try {
    const head = await Reservation.hold(drill, 'link_request', 'link-request-service', AFFILIATED, heads.map((e) => e.id));
    holds.push(head);
    const second = await Reservation.hold(drill, 'link_request', 'link-request-service', AFFILIATED, deep);
    holds.push(second);
    // The heads alone first: each consumer's next batch is its partition's head, and waits there
    // while the rest piles up behind it.
    await produce(drill, heads);
    await untilWaiting(drill, link, head, 'inbox', 'link-request-service consumers at the head of the second wave');
    await produce(drill, held.filter((e) => !heads.includes(e)));

    const letters = await Reservation.lockTable(drill, 'notification.letters');
    holds.push(letters);
    await decide(drill, secondHalf.ids, secondHalf.firstIndex, [link.primary, link.replica]);
    const notifyWaiting = await untilWaiting(drill, notify, letters, 'INSERT INTO notification.letters', 'notification-service consumers inside a batch');

    await head.release();
    const linkWaiting = await untilWaiting(drill, link, second, 'inbox', `link-request-service consumers ${SECOND_RESERVATION_AT} events into the second wave`);

    const applied = `${await inboxCount(drill, burstIds)} of ${burstIds.length} affiliations applied`;
    const created = `${await letterCount(drill, secondHalf.ids)} of ${secondHalf.ids.length} second-half letters created`;
    const [linkKill, notifyKill] = await Promise.all([kill(link, linkWaiting, link.primary, applied), kill(notify, notifyWaiting, notify.replica, created)]);
    return { link: linkKill, notify: notifyKill };
  } finally {
    await Promise.all(holds.map((h) => h.release()));
  }
}

async function kill(pair: Pair, waiting: Waiting[], preferred: DrillService, effectsAtKill: string): Promise<Kill> {
  const chosen = waiting.find((w) => w.instance === preferred) ?? waiting[0];
  const victim = chosen.instance;
  const survivor = victim === pair.primary ? pair.replica : pair.primary;
  // Exact: a consumer waiting inside its transaction commits nothing more before the kill.
  const victimHandled = (await consumedSince(pair, victim)).handled;
  await victim.kill();
  progress(`two replicas: killed -9 ${victim.label} inside a batch (${waiting.length} of 2 instances were waiting; ${effectsAtKill})`);
  return { victim, survivor, xid: chosen.xid, victimHandled, effectsAtKill };
}

/**
 * Waits until the survivor has done the dead instance's share (`done` reaches `expected`, or the
 * group has no lag left: then what is missing was skipped), then checks exactly once by the
 * consumers' own counters: what the dead one committed plus what the survivor handled.
 */
async function takeOver(drill: Drill, pair: Pair, kill: Kill, expected: number, done: () => Promise<number>): Promise<{ note: string; violations: Violation[] }> {
  const killedAt = Date.now();
  await drill
    .until(async () => (await done()) >= expected || (Date.now() - killedAt > 20_000 && (await drill.consumerLag())[pair.service] === 0), 180_000, `${pair.service} to take over`)
    .catch(() => undefined);
  const seconds = (Date.now() - killedAt) / 1000;
  let survivor = await consumedSince(pair, kill.survivor);
  await drill
    .until(async () => kill.victimHandled + (survivor = await consumedSince(pair, kill.survivor)).handled >= expected, 5_000, 'the counters')
    .catch(() => undefined);
  const handled = kill.victimHandled + survivor.handled;
  const violations: Violation[] = [];
  const what = `${pair.service}: ${handled} ${pair.topic} handled for ${expected} events`;
  if (handled > expected) violations.push(duplicated(`replicas:${pair.service}:handled`, what, handled - expected));
  if (handled < expected) violations.push(lost(`replicas:${pair.service}:handled`, what, expected - handled));
  const status = kill.xid ? await transactionStatus(drill, kill.xid) : 'none written yet';
  if (kill.xid && status !== 'aborted') violations.push(duplicated(`replicas:${pair.service}:xid`, `the killed ${kill.victim.label}'s transaction ${kill.xid} is ${status}`));
  const note =
    `${pair.service}: killed -9 ${kill.victim.label} inside a batch (its open transaction ${kill.xid ?? '—'}: ${status}) with ${kill.effectsAtKill}; ` +
    `${kill.survivor.label} took over in ${seconds.toFixed(1)} s; handled ${kill.victimHandled} (killed) + ${survivor.handled} (survivor) = ${handled} of ${expected}, ` +
    `${survivor.duplicate} redelivered and skipped by the inbox`;
  return { note, violations };
}

/** committed, aborted or in progress: what became of a killed consumer's open transaction (waits for the server to notice). */
async function transactionStatus(drill: Drill, xid: string): Promise<string> {
  let status = '';
  await drill
    .until(async () => {
      [{ status }] = await drill.stack.sql<{ status: string }>('SELECT pg_xact_status($1::text::xid8) AS status', [xid]);
      return status !== 'in progress';
    }, 15_000, `transaction ${xid} to end`)
    .catch(() => undefined);
  return status;
}

// Instances and their counters -----------------------------------------------------------------

async function pairOf(drill: Drill, service: ServiceName, replica: DrillService, topic: EventTopic): Promise<Pair> {
  const primary = drill.service(service);
  const pair: Pair = { service, primary, replica, topic, base: new Map() };
  for (const instance of [primary, replica]) pair.base.set(instance, await consumed(instance, topic));
  return pair;
}

/** Waits until the group is stable with both instances holding partitions; returns the split ("3+3"). */
async function bothAssigned(drill: Drill, pair: Pair): Promise<string> {
  const admin = drill.stack.kafka('fault-replicas-admin').admin();
  await admin.connect();
  try {
    return await drill.until(async () => {
      const [group] = (await admin.describeGroups([drill.stack.topicPrefix + pair.service])).groups;
      if (group?.state !== 'Stable' || group.members.length !== 2) return false;
      const held = group.members.map((m) => {
        const assignment = AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment ?? {};
        return (assignment[drill.stack.topicPrefix + pair.topic] ?? []).length;
      });
      return held.every((n) => n > 0) && `${pair.service} ${held.join('+')}`;
    }, 90_000, `both ${pair.service} instances in the consumer group`);
  } finally {
    await admin.disconnect();
  }
}

/** `rosterlink_events_consumed_total` of one topic, from an instance's /metrics (since its start). */
async function consumed(instance: DrillService, topic: EventTopic): Promise<Consumed> {
  const text = await (await fetch(`${instance.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) })).text();
  const counts: Consumed = { handled: 0, duplicate: 0 };
  for (const line of text.split('\n')) {
    if (!line.startsWith('rosterlink_events_consumed_total{') || !line.includes(`topic="${topic}"`)) continue;
    const outcome = /outcome="(\w+)"/.exec(line)?.[1];
    if (outcome === 'handled' || outcome === 'duplicate') counts[outcome] += Number(line.split(' ').at(-1));
  }
  return counts;
}

async function consumedSince(pair: Pair, instance: DrillService): Promise<Consumed> {
  const now = await consumed(instance, pair.topic);
  const base = pair.base.get(instance) ?? { handled: 0, duplicate: 0 };
  return { handled: now.handled - base.handled, duplicate: now.duplicate - base.duplicate };
}

async function handledSince(pair: Pair, instance: DrillService): Promise<number> {
  return (await consumedSince(pair, instance)).handled;
}

/** Decides the requests, alternately through each link-request-service instance (a decision that got no answer is tried again). */
async function decide(drill: Drill, requestIds: string[], firstIndex: number, via: DrillService[]): Promise<void> {
  await runPool(requestIds.map((id, i) => [id, firstIndex + i] as const), 4, async ([id, index]) => {
    const outcome = await drill.until(async () => {
      const o = await drill.decide(id, index, via[index % via.length]);
      return o.status === 0 || o.status >= 500 ? false : o;
    }, 60_000, `an answer to the decision on ${id}`);
    if (outcome.status !== 200 && outcome.status !== 409) throw new Error(`decision on ${id} answered ${outcome.status} ${JSON.stringify(outcome.body)}`);
  });
}

// Counting ---------------------------------------------------------------------------------------

async function inboxCount(drill: Drill, eventIds: string[]): Promise<number> {
  const [{ n }] = await drill.stack.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM link_request.inbox WHERE consumer = 'link-request-service' AND event_id = ANY($1::uuid[])`,
    [eventIds],
  );
  return n;
}

async function letterCount(drill: Drill, requestIds: string[]): Promise<number> {
  const [{ n }] = await drill.stack.sql<{ n: number }>('SELECT count(*)::int AS n FROM notification.letters WHERE request_id = ANY($1::uuid[])', [requestIds]);
  return n;
}

async function sentLetters(drill: Drill, requestIds: string[]): Promise<number> {
  const [{ n }] = await drill.stack.sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM notification.letters WHERE request_id = ANY($1::uuid[]) AND status = 'SENT'`,
    [requestIds],
  );
  return n;
}

/** The event ids of `topic` (from the ledger) whose subject is one of `subjects`. */
function eventIdsOf(drill: Drill, topic: EventTopic, subjects: Set<string>): Set<string> {
  const ids = new Set<string>();
  for (const [id, position] of drill.ledger.positionsOf(topic)) if (subjects.has(position.subject)) ids.add(id);
  return ids;
}

/** One servicing link per practitioner of the burst, in the state its events stated in their order. */
async function linksOnceInOrder(drill: Drill, burst: Burst): Promise<Violation[]> {
  const rows = await drill.stack.sql<{ group_id: string; npi: string; links: number; end_date: string | null }>(
    `SELECT group_id, npi, count(*)::int AS links, max(end_date)::text AS end_date
     FROM link_request.servicing_links WHERE group_id = ANY($1) GROUP BY group_id, npi`,
    [burst.groups],
  );
  const found = new Map(rows.map((r) => [`${r.group_id}/${r.npi}`, r]));
  const violations: Violation[] = [];
  const expected: Record<Story, string | null> = { added: null, terminated: TERMINATED_ON, tied: null };
  for (const p of burst.practitioners) {
    const key = `replicas:link:${p.groupId}/${p.npi}`;
    const link = found.get(`${p.groupId}/${p.npi}`);
    if (!link) {
      violations.push(lost(key, `practitioner ${p.npi} of group ${p.groupId} (${p.story}) has no servicing link`));
      continue;
    }
    if (link.links > 1) violations.push(duplicated(key, `practitioner ${p.npi} of group ${p.groupId} has ${link.links} servicing links`, link.links - 1));
    if (link.end_date === expected[p.story]) continue;
    if (p.story === 'terminated') violations.push(lost(key, `practitioner ${p.npi} of group ${p.groupId}: the TERMINATED event was never applied (link open)`));
    else violations.push(disordered(key, `practitioner ${p.npi} of group ${p.groupId} (${p.story}): link ends ${link.end_date}, the later event was applied first`));
  }
  return violations;
}

/** Each event id once in the consumer's inbox (the primary key forbids twice: a missing one is lost). */
async function inboxHolds(drill: Drill, schema: string, consumer: string, topic: EventTopic, eventIds: Set<string>): Promise<Violation[]> {
  const rows = await drill.stack.sql<{ event_id: string }>(
    `SELECT event_id::text FROM ${schema}.inbox WHERE consumer = $1 AND topic = $2 AND event_id = ANY($3::uuid[])`,
    [consumer, topic, [...eventIds]],
  );
  const held = new Set(rows.map((r) => r.event_id.toLowerCase()));
  const missing = [...eventIds].filter((id) => !held.has(id.toLowerCase()));
  return missing.length === 0 ? [] : [lost(`replicas:${consumer}:inbox`, `${missing.length} ${topic} events not in ${consumer}'s inbox (e.g. ${missing[0]})`, missing.length)];
}

/**
 * Per key, the consumer recorded the events in offset order: the transaction that took an event
 * into the inbox (its xmin) is never older than the one that took an earlier event of the same key.
 * Transactions of one partition follow one another, so their ids grow; two instances working on
 * one partition at once, or a batch's chunks applied out of turn, would break it. Returns the keys checked.
 */
async function keptOrder(drill: Drill, schema: string, consumer: string, topic: EventTopic, eventIds: Set<string>, into: Violation[]): Promise<number> {
  const rows = await drill.stack.sql<{ event_id: string; tx: string }>(
    `SELECT event_id::text, xmin::text AS tx FROM ${schema}.inbox WHERE consumer = $1 AND topic = $2 AND event_id = ANY($3::uuid[])`,
    [consumer, topic, [...eventIds]],
  );
  const positions = drill.ledger.positionsOf(topic);
  const byKey = new Map<string, { id: string; offset: bigint; tx: bigint }[]>();
  for (const row of rows) {
    const position = positions.get(row.event_id.toLowerCase());
    if (!position) continue;
    const key = `${position.partition}/${position.key}`;
    byKey.set(key, [...(byKey.get(key) ?? []), { id: row.event_id, offset: position.offset, tx: BigInt(row.tx) }]);
  }
  let wrong = 0;
  let example = '';
  for (const [key, events] of byKey) {
    events.sort((a, b) => (a.offset < b.offset ? -1 : 1));
    let latest = events[0];
    for (const e of events) {
      if (e.tx < latest.tx) {
        wrong++;
        example ||= `key ${key}: offset ${e.offset} recorded by transaction ${e.tx}, before offset ${latest.offset} (transaction ${latest.tx})`;
      } else latest = e;
    }
  }
  if (wrong > 0) into.push(disordered(`replicas:${consumer}:order`, `${consumer}: ${wrong} ${topic} events recorded before an earlier event of their key (${example})`, wrong));
  return byKey.size;
}
