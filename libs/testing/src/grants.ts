import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Admin, AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import { AccessGrantChangedV1, cloudEventHeaders, consumerGroupOf, Topics } from '@rosterlink/contracts';
import { TestStack, testStack } from './stack';

const ACCESS_SERVICE = 'access-service';

/** The part of a stack the grants fixture needs: the run's broker and topic prefix. */
export type GrantStack = Pick<TestStack, 'kafkaBrokers' | 'topicPrefix'>;

export interface GrantOptions {
  /** false revokes. Default true. */
  granted?: boolean;
  /** Default: the test run's stack (jest's global setup); the fault drills pass their private one. */
  stack?: GrantStack;
  /** How long the services may take to apply the change. Default 30 s. */
  timeoutMs?: number;
}

/**
 * Versions above any access-service counter (1, 2, 3 … per PID/SL) and growing within a run, so a
 * fixture's change is newer than every change before it, as a real one would be.
 */
let lastVersion = 0;
function nextVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}

/** What this test file has granted and not revoked (jest gives each file its own module registry). */
const held = new Set<string>();
const heldKey = (stack: GrantStack, userId: string, pidsl: string) => `${stack.topicPrefix}|${userId}|${pidsl}`;

/** Grants what the user does not already hold from this file's earlier grants: what tokenFor uses. */
export async function ensureGranted(userId: string, pidsls: readonly string[], stack?: GrantStack): Promise<void> {
  if (pidsls.length === 0) return;
  const on = stack ?? testStack();
  await grantAccess(userId, pidsls.filter((pidsl) => !held.has(heldKey(on, userId, pidsl))), { stack: on });
}

/**
 * Grants (or revokes) a portal user's access to PID/SLs the way access-service announces it: an
 * `access.grant-changed.v1` per PID/SL on the run's topic. Resolves once every running consumer
 * group that reads the topic has committed past those events, i.e. every service's projection
 * holds them (a group with no members, from an earlier spec, is not waited for).
 */
export async function grantAccess(userId: string, pidsls: readonly string[], options: GrantOptions = {}): Promise<void> {
  if (pidsls.length === 0) return;
  const { granted = true, stack = testStack(), timeoutMs = 30_000 } = options;
  const topic = stack.topicPrefix + Topics.AccessGrantChanged;
  const kafka = new Kafka({ clientId: 'test-grants', brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true });
  const admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
  try {
    const at = new Date().toISOString();
    const written = await producer.send({
      topic,
      acks: -1,
      messages: pidsls.map((pidsl) => {
        const change: AccessGrantChangedV1 = {
          pidsl,
          userId,
          change: granted ? 'GRANTED' : 'REVOKED',
          granted,
          primary: false,
          version: nextVersion(),
          by: 'test-fixture',
          at,
        };
        const headers = cloudEventHeaders({ id: randomUUID(), type: Topics.AccessGrantChanged, source: '/rosterlink/test-fixture', time: at });
        return { key: pidsl, value: JSON.stringify(change), headers };
      }),
    });
    // The offset each partition must be committed past.
    const needed = new Map<number, bigint>();
    for (const { partition, baseOffset } of written) {
      const end = BigInt(baseOffset ?? '0') + 1n;
      if ((needed.get(partition) ?? 0n) < end) needed.set(partition, end);
    }
    for (const pidsl of pidsls) {
      if (granted) held.add(heldKey(stack, userId, pidsl));
      else held.delete(heldKey(stack, userId, pidsl));
    }
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const lagging = await laggingGroups(admin, stack.topicPrefix, topic, needed);
      if (lagging.length === 0) return;
      if (Date.now() > deadline) throw new Error(`access grants not applied within ${timeoutMs} ms by: ${lagging.join(', ')}`);
      await sleep(50);
    }
  } finally {
    await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
  }
}

/** Revokes, as a Primary User would in access-service. */
export function revokeAccess(userId: string, pidsls: readonly string[], options: Omit<GrantOptions, 'granted'> = {}): Promise<void> {
  return grantAccess(userId, pidsls, { ...options, granted: false });
}

/**
 * Resolves once a service that has just started holds every grant change now on the topic: its
 * consumer group has joined and, if it reads the topic, committed past them. What the test helpers
 * that start services wait for, so that grants made before a service started hold in it at once.
 */
export async function grantsCaughtUp(serviceName: string, options: { stack?: GrantStack; timeoutMs?: number } = {}): Promise<void> {
  // access-service decides from its own tables: it has no projection to wait for.
  if (serviceName === ACCESS_SERVICE) return;
  const { stack = testStack(), timeoutMs = 60_000 } = options;
  const topic = stack.topicPrefix + Topics.AccessGrantChanged;
  const groupId = stack.topicPrefix + consumerGroupOf(serviceName, Topics.AccessGrantChanged);
  const kafka = new Kafka({ clientId: 'test-grants', brokers: stack.kafkaBrokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    let offsets: Awaited<ReturnType<Admin['fetchTopicOffsets']>> | undefined;
    while (!offsets) {
      offsets = await admin.fetchTopicOffsets(topic).catch((error: Error) => {
        if (Date.now() > deadline) throw error;
        return undefined;
      });
      if (!offsets) await sleep(200);
    }
    const needed = new Map<number, bigint>();
    for (const { partition, high } of offsets) if (BigInt(high) > 0n) needed.set(partition, BigInt(high));
    if (needed.size === 0) return;
    for (;;) {
      const [group] = (await admin.describeGroups([groupId]).catch(() => ({ groups: [] }))).groups;
      const joined = group && group.members.length > 0;
      if (joined && (await laggingGroups(admin, stack.topicPrefix, topic, needed, [groupId])).length === 0) return;
      if (Date.now() > deadline) throw new Error(`${serviceName} has not applied the access grants within ${timeoutMs} ms`);
      await sleep(100);
    }
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/**
 * The run's consumer groups (or those named) with members reading `topic` that have not yet committed past `needed`.
 * A broker that cannot answer yet (a coordinator still loading after a start) counts as lagging: asked again.
 */
async function laggingGroups(admin: Admin, prefix: string, topic: string, needed: Map<number, bigint>, only?: string[]): Promise<string[]> {
  try {
    return await laggingGroupsNow(admin, prefix, topic, needed, only);
  } catch (error) {
    return [`(the broker cannot say yet: ${(error as Error).message})`];
  }
}

async function laggingGroupsNow(admin: Admin, prefix: string, topic: string, needed: Map<number, bigint>, only?: string[]): Promise<string[]> {
  const ids =
    only ?? (await admin.listGroups()).groups.filter((g) => g.groupId.startsWith(prefix) && g.protocolType === 'consumer').map((g) => g.groupId);
  if (ids.length === 0) return [];
  const lagging: string[] = [];
  for (const group of (await admin.describeGroups(ids)).groups) {
    if (group.members.length === 0 || group.state === 'Dead') continue;
    // Mid-rebalance the members' subscriptions are not readable yet: wait for the group to settle.
    if (group.state !== 'Stable') {
      lagging.push(`${group.groupId} (${group.state})`);
      continue;
    }
    if (!group.members.some((m) => subscribedTopics(m.memberMetadata).includes(topic))) continue;
    const [committed] = await admin.fetchOffsets({ groupId: group.groupId, topics: [topic] });
    const behind = [...needed].some(([partition, end]) => {
      const offset = committed?.partitions.find((p) => p.partition === partition)?.offset ?? '-1';
      return BigInt(offset) < end;
    });
    if (behind) lagging.push(group.groupId);
  }
  return lagging;
}

function subscribedTopics(memberMetadata: Buffer): string[] {
  try {
    return AssignerProtocol.MemberMetadata.decode(memberMetadata)?.topics ?? [];
  } catch {
    return [];
  }
}
