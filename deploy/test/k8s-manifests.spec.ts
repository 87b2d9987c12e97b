import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { deadLetterTopicOf, TOPIC_SPECS, Topics } from '@rosterlink/contracts';
import { KAFKA_CLUSTER_NAME, KAFKA_TOPICS_FILE, renderKafkaTopics } from '../k8s/generate-topics';

/**
 * deploy/k8s cannot be applied where the tests run (no cluster), so it is checked statically: each overlay
 * renders with `kubectl kustomize`, every rendered object validates against the Kubernetes, Strimzi and KEDA
 * schemas (deploy/k8s/validate-manifests.mjs), the KafkaTopics are the ones libs/contracts declares, and the
 * workloads follow the policy: non-root, probes, resources, every setting wired, no secret in the repository.
 */

const ROOT = resolve(__dirname, '../..');
const K8S = join(ROOT, 'deploy/k8s');

const CONTRACT_PORTS: Record<string, number> = {
  'upload-service': 3001,
  'import-service': 3002,
  'link-request-service': 3003,
  'notification-service': 3004,
  'access-service': 3005,
  'ops-dashboard': 3000,
  'provider-portal': 3006,
};
const NEST_SERVICES = ['upload-service', 'import-service', 'link-request-service', 'notification-service', 'access-service'];
const WEB_APPS = ['ops-dashboard', 'provider-portal'];
const KAFKA_CONSUMERS = ['import-service', 'link-request-service', 'notification-service'];
const MAX_PARTITIONS = Math.max(...TOPIC_SPECS.map((s) => s.partitions));

/** Settings that hold credentials: they come from Secrets (secretKeyRef), never from a ConfigMap or a literal. */
const SECRET_SETTINGS = ['DATABASE_URL', 'REDIS_URL', 'AUTH_JWT_SECRET', 'SMTP_URL'];
/** Declared by the web apps' config (it extends ServiceConfig) but never used by their servers: no database or Redis. */
const UNUSED_BY_WEB_APPS = ['DATABASE_URL', 'REDIS_URL'];

/** The validated config classes each process reads (README "Configuration"). */
const CONFIG_SOURCES: Record<string, string[]> = {
  ...Object.fromEntries(
    NEST_SERVICES.map((s) => [s, ['libs/platform/src/service-config.ts', `services/${s}/src/config/${s}.config.ts`]]),
  ),
  'ops-dashboard': ['libs/platform/src/service-config.ts', 'libs/web-server/src/web-app-config.ts', 'services/ops-dashboard/src/ops-dashboard.config.ts'],
  'provider-portal': ['libs/platform/src/service-config.ts', 'libs/web-server/src/web-app-config.ts', 'services/provider-portal/src/provider-portal.config.ts'],
};

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- each kind has its own shape
  data?: Record<string, string>;
}

interface Validation {
  apiVersion: string;
  kind: string;
  name: string;
  errors: string[];
}

function render(overlay: string): string {
  return execFileSync('kubectl', ['kustomize', join(K8S, 'overlays', overlay)], { encoding: 'utf8', maxBuffer: 32 * 1024 * 1024 });
}

function parse(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null);
}

function validate(text: string): Validation[] {
  const output = execFileSync(process.execPath, [join(K8S, 'validate-manifests.mjs'), '--json'], {
    input: text,
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 32 * 1024 * 1024,
  });
  return JSON.parse(output) as Validation[];
}

function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}
const ofKind = (objects: K8sObject[], kind: string) => objects.filter((o) => o.kind === kind);

/** The settings a config class declares: its UPPER_CASE fields (`NAME = default` or `NAME?: type = default`). */
function declaredSettings(files: string[]): string[] {
  const names = new Set<string>();
  for (const file of files) {
    const source = readFileSync(join(ROOT, file), 'utf8');
    for (const match of source.matchAll(/(?<!const\s)\b([A-Z][A-Z0-9_]{2,})\??(?::\s*[\w[\]|<>. ]+?)?\s*=(?![=>])/g)) names.add(match[1]);
  }
  return [...names].sort();
}

/** What a pod template's first container receives: ConfigMap keys through envFrom, and each env entry. */
function settingsOf(objects: K8sObject[], podSpec: any): { fromConfigMaps: Map<string, string>; env: Map<string, any> } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const container = podSpec.containers[0];
  const fromConfigMaps = new Map<string, string>();
  for (const source of container.envFrom ?? []) {
    const data = find(objects, 'ConfigMap', source.configMapRef.name).data ?? {};
    for (const [key, value] of Object.entries(data)) fromConfigMaps.set(key, value);
  }
  const env = new Map<string, any>((container.env ?? []).map((e: any) => [e.name, e])); // eslint-disable-line @typescript-eslint/no-explicit-any
  return { fromConfigMaps, env };
}

/** Pod templates of every workload, with where they come from. */
function podTemplates(objects: K8sObject[]) {
  return objects
    .filter((o) => o.kind === 'Deployment' || o.kind === 'Job')
    .map((o) => ({ workload: `${o.kind} ${o.metadata.name}`, object: o, pod: o.spec.template.spec }));
}

describe('Strimzi KafkaTopics (deploy/k8s/base/kafka-topics.yaml)', () => {
  it('are exactly what deploy/k8s/generate-topics.ts renders from TOPIC_SPECS (regenerate after changing topics)', () => {
    expect(readFileSync(KAFKA_TOPICS_FILE, 'utf8')).toBe(renderKafkaTopics());
  });

  it('declare every contract topic and its .dlq, which are the topics the local stack provisions', () => {
    const topics = parse(readFileSync(KAFKA_TOPICS_FILE, 'utf8'));
    const contract = Object.values(Topics).flatMap((t) => [t, deadLetterTopicOf(t)]);
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(contract.sort());
    expect(topics.map((t) => t.spec.topicName).sort()).toEqual(TOPIC_SPECS.map((s) => s.name).sort());
  });
});

describe.each(['dev', 'prod', 'prod-keda'])('kubectl kustomize deploy/k8s/overlays/%s', (overlay) => {
  let text: string;
  let objects: K8sObject[];
  beforeAll(() => {
    text = render(overlay);
    objects = parse(text);
  });

  it('renders, and every object validates against the Kubernetes, Strimzi and KEDA schemas', () => {
    const results = validate(text);
    expect(results).toHaveLength(objects.length);
    expect(results.filter((r) => r.errors.length > 0)).toEqual([]);
  });

  it('puts everything in one namespace', () => {
    const namespaces = new Set(objects.map((o) => o.metadata.namespace));
    expect(namespaces.size).toBe(1);
    expect([...namespaces][0]).toMatch(/^rosterlink/);
  });

  it('has per service a Deployment, Service, autoscaling, PodDisruptionBudget and ConfigMap, and a migration Job per NestJS service', () => {
    for (const [name, port] of Object.entries(CONTRACT_PORTS)) {
      const deployment = find(objects, 'Deployment', name);
      const podLabels = deployment.spec.template.metadata.labels;
      expect(Object.entries(deployment.spec.selector.matchLabels).every(([k, v]) => podLabels[k] === v)).toBe(true);
      expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ name: 'http', containerPort: port, protocol: 'TCP' }]);

      const service = find(objects, 'Service', name);
      expect(service.spec.ports).toEqual([expect.objectContaining({ port, targetPort: 'http' })]);
      expect(service.spec.selector).toEqual(deployment.spec.selector.matchLabels);

      const pdb = find(objects, 'PodDisruptionBudget', name);
      expect(pdb.spec.selector.matchLabels).toEqual(deployment.spec.selector.matchLabels);

      const scaledByKeda = objects.find((o) => o.kind === 'ScaledObject' && o.spec.scaleTargetRef.name === name);
      const hpa = objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.spec.scaleTargetRef.name === name);
      // Exactly one autoscaler per Deployment: two would fight over its replicas.
      expect([scaledByKeda, hpa].filter(Boolean)).toHaveLength(1);
      if (hpa) {
        expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
        expect(hpa.spec.metrics).toEqual([expect.objectContaining({ type: 'Resource', resource: expect.objectContaining({ name: 'cpu' }) })]);
        expect(deployment.spec.replicas).toBe(hpa.spec.minReplicas);
        if (KAFKA_CONSUMERS.includes(name)) expect(hpa.spec.maxReplicas).toBeLessThanOrEqual(MAX_PARTITIONS);
      }

      expect(find(objects, 'ConfigMap', `${name}-config`).data?.['PORT']).toBe(String(port));
    }
    for (const name of NEST_SERVICES) {
      const job = find(objects, 'Job', `${name}-migrate`);
      const deployment = find(objects, 'Deployment', name);
      const [migrate] = job.spec.template.spec.containers;
      expect(migrate.command).toEqual(['node', '--enable-source-maps', `dist/services/${name}/main.js`, 'migrate']);
      expect(migrate.image).toBe(deployment.spec.template.spec.containers[0].image);
      expect(migrate.envFrom).toEqual(deployment.spec.template.spec.containers[0].envFrom);
      expect(migrate.env).toEqual(deployment.spec.template.spec.containers[0].env);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
      // Ordered before the rollout (Argo CD); with plain kubectl, deploy/k8s/README.md applies the Jobs first.
      expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'PreSync' });
    }
    expect(ofKind(objects, 'Job')).toHaveLength(NEST_SERVICES.length);
    expect(ofKind(objects, 'Deployment')).toHaveLength(Object.keys(CONTRACT_PORTS).length);
  });

  it('runs every container as non-root, read-only, with no privilege escalation and resources set', () => {
    for (const { workload, pod } of podTemplates(objects)) {
      expect({ workload, runAsNonRoot: pod.securityContext?.runAsNonRoot }).toEqual({ workload, runAsNonRoot: true });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      for (const container of [...pod.containers, ...(pod.initContainers ?? [])]) {
        const where = `${workload}/${container.name}`;
        expect({ where, ...container.securityContext }).toMatchObject({
          where,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
        });
        expect(container.securityContext.runAsNonRoot).not.toBe(false);
        expect(container.securityContext.runAsUser ?? pod.securityContext.runAsUser).toBeGreaterThan(0);
        for (const bound of ['requests', 'limits']) {
          for (const resource of ['cpu', 'memory']) {
            expect({ where, [`${bound}.${resource}`]: container.resources?.[bound]?.[resource] }).toEqual({
              where,
              [`${bound}.${resource}`]: expect.anything(),
            });
          }
        }
        // A writable /tmp on a read-only root filesystem.
        const tmp = container.volumeMounts?.find((m: { mountPath: string }) => m.mountPath === '/tmp');
        expect({ where, tmp: pod.volumes.find((v: { name: string }) => v.name === tmp?.name)?.emptyDir }).toEqual({ where, tmp: expect.any(Object) });
        // A pinned image: a tag, never `latest`.
        expect(container.image).toMatch(/^[^:]+:(?!latest$)[\w.-]+$/);
      }
    }
  });

  it('probes startup and readiness on GET /health (dependencies) and liveness on GET /health/live (the process) for the services', () => {
    for (const deployment of ofKind(objects, 'Deployment')) {
      for (const container of deployment.spec.template.spec.containers) {
        // A web app's /health is its own (it checks nothing downstream); a service's also asks PostgreSQL, Kafka and Redis.
        const live = container.name.endsWith('-service') ? '/health/live' : '/health';
        for (const [probe, path] of [['startupProbe', '/health'], ['readinessProbe', '/health'], ['livenessProbe', live]]) {
          expect({ container: container.name, probe, httpGet: container[probe]?.httpGet }).toEqual({
            container: container.name,
            probe,
            httpGet: { path, port: 'http' },
          });
        }
      }
    }
  });

  it('mounts the file stores as PersistentVolumeClaims (import-service reads the roster files read-only)', () => {
    const claims = new Set(ofKind(objects, 'PersistentVolumeClaim').map((c) => c.metadata.name));
    const mounts = (name: string) => {
      const pod = find(objects, 'Deployment', name).spec.template.spec;
      return Object.fromEntries(
        pod.containers[0].volumeMounts
          .map((m: { name: string; mountPath: string; readOnly?: boolean }) => [m.mountPath, { claim: pod.volumes.find((v: { name: string }) => v.name === m.name)?.persistentVolumeClaim?.claimName, readOnly: m.readOnly ?? false }])
          .filter(([, v]: [string, { claim?: string }]) => v.claim),
      );
    };
    const settings = (name: string) => find(objects, 'ConfigMap', `${name}-config`).data ?? {};
    expect(mounts('upload-service')).toEqual({ [settings('upload-service')['ROSTER_FILE_STORE_DIR']]: { claim: 'roster-files', readOnly: false } });
    expect(mounts('import-service')).toEqual({ [settings('import-service')['ROSTER_FILE_STORE_DIR']]: { claim: 'roster-files', readOnly: true } });
    expect(mounts('notification-service')).toEqual({ '/data/letters': { claim: 'letters', readOnly: false } });
    for (const key of ['LETTER_STORE_DIR', 'LETTER_MAIL_OUTBOX_DIR']) expect(settings('notification-service')[key]).toMatch(/^\/data\/letters\//);
    expect(claims).toEqual(new Set(['roster-files', 'letters']));
  });

  it('gives each process every setting its config class declares, secrets through secretKeyRef only', () => {
    for (const [name, sources] of Object.entries(CONFIG_SOURCES)) {
      const { fromConfigMaps, env } = settingsOf(objects, find(objects, 'Deployment', name).spec.template.spec);
      const expected = declaredSettings(sources).filter((s) => !(WEB_APPS.includes(name) && UNUSED_BY_WEB_APPS.includes(s)));
      expect(expected.length).toBeGreaterThan(15);
      const missing = expected.filter((s) => !fromConfigMaps.has(s) && !env.has(s));
      expect({ name, missing }).toEqual({ name, missing: [] });
      for (const secret of SECRET_SETTINGS.filter((s) => expected.includes(s) || env.has(s))) {
        if (secret === 'SMTP_URL' && name !== 'notification-service') continue;
        expect({ name, secret, inConfigMap: fromConfigMaps.has(secret) }).toEqual({ name, secret, inConfigMap: false });
        expect({ name, secret, ref: env.get(secret)?.valueFrom?.secretKeyRef?.key }).toEqual({ name, secret, ref: secret });
      }
    }
  });

  it('holds no secret value: no Secret objects, no literal credentials in ConfigMaps or env', () => {
    expect(ofKind(objects, 'Secret')).toEqual([]);
    const credentialInUrl = /:\/\/[^/\s:@]+:[^/\s@]+@/;
    const secretLooking = /SECRET|PASSWORD|TOKEN|CREDENTIAL|PRIVATE_KEY|_URL$/;
    for (const configMap of ofKind(objects, 'ConfigMap')) {
      for (const [key, value] of Object.entries(configMap.data ?? {})) {
        expect({ key, value, credentialInUrl: credentialInUrl.test(value) }).toEqual({ key, value, credentialInUrl: false });
        expect(SECRET_SETTINGS).not.toContain(key);
      }
    }
    for (const { workload, pod } of podTemplates(objects)) {
      for (const entry of pod.containers.flatMap((c: { env?: unknown[] }) => c.env ?? [])) {
        if (secretLooking.test(entry.name)) expect({ workload, name: entry.name, value: entry.value }).toEqual({ workload, name: entry.name, value: undefined });
        if (typeof entry.value === 'string') expect(credentialInUrl.test(entry.value)).toBe(false);
      }
    }
  });

  it('declares the topics with the partitions, cleanup and retention of TOPIC_SPECS, on the Strimzi cluster the services use', () => {
    const topics = ofKind(objects, 'KafkaTopic');
    expect(topics).toHaveLength(TOPIC_SPECS.length);
    for (const spec of TOPIC_SPECS) {
      const topic = topics.find((t) => t.spec.topicName === spec.name);
      expect({ name: spec.name, partitions: topic?.spec.partitions, cleanup: topic?.spec.config['cleanup.policy'], retention: topic?.spec.config['retention.ms'] }).toEqual({
        name: spec.name,
        partitions: spec.partitions,
        cleanup: spec.cleanupPolicy,
        retention: spec.retentionMs,
      });
      expect(topic?.metadata.labels?.['strimzi.io/cluster']).toBe(KAFKA_CLUSTER_NAME);
      expect(topic?.spec.config['min.insync.replicas']).toBeLessThanOrEqual(topic?.spec.replicas);
    }
    const platform = find(objects, 'ConfigMap', 'rosterlink-platform').data ?? {};
    expect(platform['KAFKA_BROKERS']).toBe(`${KAFKA_CLUSTER_NAME}-kafka-bootstrap:9092`);
    expect(platform['KAFKA_TOPIC_PREFIX']).toBe('');
  });

  if (overlay === 'dev') {
    it('runs one replica of everything with single-copy topics', () => {
      for (const d of ofKind(objects, 'Deployment')) expect(d.spec.replicas).toBe(1);
      for (const h of ofKind(objects, 'HorizontalPodAutoscaler')) expect([h.spec.minReplicas, h.spec.maxReplicas]).toEqual([1, 1]);
      for (const t of ofKind(objects, 'KafkaTopic')) expect(t.spec.replicas).toBe(1);
    });
  } else {
    it('spreads replicas over nodes and zones, keeps two or more of each, and three copies of each partition', () => {
      for (const d of ofKind(objects, 'Deployment')) {
        const pod = d.spec.template.spec;
        expect(pod.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.podAffinityTerm).toMatchObject({
          topologyKey: 'kubernetes.io/hostname',
          labelSelector: { matchLabels: d.spec.selector.matchLabels },
        });
        expect(pod.topologySpreadConstraints?.[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone' });
        expect(d.spec.replicas).toBeGreaterThanOrEqual(2);
      }
      for (const t of ofKind(objects, 'KafkaTopic')) expect([t.spec.replicas, t.spec.config['min.insync.replicas']]).toEqual([3, 2]);
    });
  }

  if (overlay === 'prod-keda') {
    it('scales the Kafka consumers with KEDA on their consumer group lag, within the partitions', () => {
      const scaled = ofKind(objects, 'ScaledObject');
      expect(scaled.map((s) => s.spec.scaleTargetRef.name).sort()).toEqual([...KAFKA_CONSUMERS].sort());
      for (const s of scaled) {
        const kafka = s.spec.triggers.find((t: { type: string }) => t.type === 'kafka');
        expect(kafka.metadata.consumerGroup).toBe(s.spec.scaleTargetRef.name);
        expect(kafka.metadata.bootstrapServers).toBe(`${KAFKA_CLUSTER_NAME}-kafka-bootstrap:9092`);
        expect(s.spec.maxReplicaCount).toBeLessThanOrEqual(MAX_PARTITIONS);
        expect(find(objects, 'Deployment', s.spec.scaleTargetRef.name).spec.replicas).toBe(s.spec.minReplicaCount);
      }
    });
  } else {
    it('needs no KEDA CRDs', () => {
      expect(objects.filter((o) => o.apiVersion.startsWith('keda.sh/'))).toEqual([]);
    });
  }
});

describe('deploy/k8s sources', () => {
  it('keep no Secret and no credentials in the repository', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (/\.ya?ml$/.test(entry.name)) files.push(join(dir, entry.name));
      }
    };
    walk(K8S);
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect({ file, secret: /^kind:\s*Secret\b/m.test(text) }).toEqual({ file, secret: false });
      expect({ file, credentials: /:\/\/[^/\s:@]+:[^/\s@]+@/.test(text) }).toEqual({ file, credentials: false });
    }
  });
});
