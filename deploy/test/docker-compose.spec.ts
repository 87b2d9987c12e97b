import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

/**
 * docker-compose.yml cannot be started where the tests run (no Docker engine), so it is checked
 * statically: against the vendored Compose Specification schema, and against what CONTRACT.md and
 * the local stack fix (ports, health, start order, single-node Kafka settings).
 */

const ROOT = resolve(__dirname, '../..');
const COMPOSE_FILE = join(ROOT, 'docker-compose.yml');
const SCHEMA_FILE = join(ROOT, 'deploy/compose/compose-spec.schema.json');
const DOCKERFILE = 'deploy/docker/Dockerfile';

const CONTRACT_PORTS: Record<string, number> = {
  'upload-service': 3001,
  'import-service': 3002,
  'link-request-service': 3003,
  'notification-service': 3004,
  'access-service': 3005,
};
const SERVICES = Object.keys(CONTRACT_PORTS);
const INFRASTRUCTURE = ['kafka', 'postgres', 'redis'];
const TOPICS_JOB = 'provision-topics';
const FILE_STORE_USERS = ['upload-service', 'import-service'];

type EnvironmentValue = string | number | boolean | null;
interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string; args?: Record<string, EnvironmentValue> | string[] };
  command?: string | string[];
  environment?: Record<string, EnvironmentValue> | string[];
  ports?: unknown[];
  volumes?: unknown[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: string[] | Record<string, { condition?: string }>;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** Compose resolves YAML merge keys (`<<: *anchor`); so must the parser. */
function loadCompose(): ComposeFile {
  return parse(readFileSync(COMPOSE_FILE, 'utf8'), { merge: true }) as ComposeFile;
}

/** The validator for the schema's own draft: the vendored file declares 2019-09, the newer upstream one draft-07. */
function composeSchemaValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  const options = { strict: false, allErrors: true };
  const ajv = String(schema.$schema ?? '').includes('2019-09') ? new Ajv2019(options) : new Ajv(options);
  // This schema version still labels its definitions with draft-04 `id`s, which ajv refuses outright; they are
  // annotations only (every `$ref` is a JSON pointer from the root), so let ajv ignore them like any unknown keyword.
  ajv.removeKeyword('id');
  addFormats(ajv);
  // Compose's own formats (`expose`, ...) are left to the Compose implementation: accept them here.
  for (const name of formatsUsedIn(schema)) if (!ajv.formats[name]) ajv.addFormat(name, true);
  return ajv.compile(schema);
}

function formatsUsedIn(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => formatsUsedIn(item, found));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') found.add(value);
      else formatsUsedIn(value, found);
    }
  }
  return found;
}

function describeErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** `environment` as a map, whether written as a map or as a `KEY=value` list. */
function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((entry) => [entry.split('=')[0], entry.slice(entry.indexOf('=') + 1)]));
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/** `depends_on` as service → condition (the short list form means `service_started`). */
function dependenciesOf(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, 'service_started']));
  return Object.fromEntries(Object.entries(deps).map(([name, dep]) => [name, dep?.condition]));
}

/** The healthcheck's command line, without the `CMD` / `CMD-SHELL` marker. */
function healthcheckCommand(service: ComposeService): string[] {
  const test = service.healthcheck?.test;
  if (test === undefined) return [];
  if (typeof test === 'string') return [test];
  return test[0] === 'CMD' || test[0] === 'CMD-SHELL' ? test.slice(1) : test;
}

function buildOf(service: ComposeService) {
  return typeof service.build === 'string' ? { context: service.build } : (service.build ?? {});
}

function buildArgsOf(service: ComposeService): Record<string, string> {
  return environmentOf({ environment: buildOf(service).args });
}

/** The apache/kafka image's convention: KAFKA_A_B=x is the broker property a.b=x (`__` → `_`, `___` → `-`). */
function kafkaBrokerProperties(service: ComposeService): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environmentOf(service))
      .filter(([key]) => key.startsWith('KAFKA_'))
      .map(([key, value]) => [
        key
          .slice('KAFKA_'.length)
          .toLowerCase()
          .replace(/_{1,3}/g, (underscores) => ({ _: '.', __: '_', ___: '-' })[underscores] ?? underscores),
        value,
      ]),
  );
}

/** The stages of the Dockerfile (`FROM ... AS name`), each with the instructions that follow it. */
function dockerfileStages(): Map<string, string[]> {
  const stages = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of readFileSync(join(ROOT, DOCKERFILE), 'utf8').split('\n')) {
    const from = /^FROM\s+\S+(?:\s+AS\s+(\S+))?\s*$/i.exec(line.trim());
    if (from) {
      current = [];
      stages.set(from[1] ?? `#${stages.size}`, current);
    } else if (current && line.trim() && !line.trim().startsWith('#')) {
      current.push(line.trim());
    }
  }
  return stages;
}

describe('docker-compose.yml', () => {
  const compose = loadCompose();
  const service = (name: string): ComposeService => {
    const found = compose.services?.[name];
    if (!found) throw new Error(`docker-compose.yml has no service "${name}"`);
    return found;
  };

  it('is valid against the Compose Specification schema', () => {
    const validate = composeSchemaValidator();
    const valid = validate(compose);
    const errors = describeErrors(validate.errors);
    if (errors.length > 0) console.error(`docker-compose.yml does not match the Compose schema:\n  ${errors.join('\n  ')}`);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it('defines the four contract services, the infrastructure and the topics one-shot', () => {
    expect(Object.keys(compose.services ?? {})).toEqual(
      expect.arrayContaining([...SERVICES, ...INFRASTRUCTURE, TOPICS_JOB]),
    );
  });

  describe.each(SERVICES)('%s', (name) => {
    const port = CONTRACT_PORTS[name];

    it('publishes exactly its contract port', () => {
      expect(service(name).ports).toEqual([`${port}:${port}`]);
    });

    it('has a healthcheck that GETs /health on its port with node', () => {
      const svc = service(name);
      expect(svc.healthcheck).toBeDefined();
      expect(svc.healthcheck?.disable).not.toBe(true);
      const command = healthcheckCommand(svc);
      expect(command[0]).toBe('node');
      expect(command.join(' ')).toContain(`http://127.0.0.1:${port}/health`);
    });

    it('starts once kafka, postgres and redis are healthy and the topics are provisioned', () => {
      const deps = dependenciesOf(service(name));
      for (const infra of INFRASTRUCTURE) expect({ [infra]: deps[infra] }).toEqual({ [infra]: 'service_healthy' });
      expect({ [TOPICS_JOB]: deps[TOPICS_JOB] }).toEqual({ [TOPICS_JOB]: 'service_completed_successfully' });
    });

    it('is built from the shared Dockerfile, its name as the SERVICE build arg', () => {
      const build = buildOf(service(name));
      expect(build.context).toBe('.');
      expect(build.dockerfile).toBe(DOCKERFILE);
      expect(buildArgsOf(service(name))['SERVICE']).toBe(name);
      expect([...dockerfileStages().keys()]).toContain(build.target ?? 'runtime');
    });

    it('is configured for the compose network', () => {
      const env = environmentOf(service(name));
      expect(env['HOST']).toBe('0.0.0.0');
      expect(env['PORT']).toBe(String(port));
      expect(env['DATABASE_URL']).toMatch(/^postgres(ql)?:\/\/[^@/]+@postgres:5432\/rosterlink$/);
      expect(env['KAFKA_BROKERS']?.split(',').map((broker) => broker.split(':')[0])).toEqual(['kafka']);
      expect(env['REDIS_URL']).toMatch(/^redis:\/\/redis:6379$/);
      expect(env['AUTH_JWT_SECRET']?.length ?? 0).toBeGreaterThanOrEqual(16);
    });
  });

  it('upload-service and import-service share the roster file store on a named volume', () => {
    const dirs = FILE_STORE_USERS.map((name) => environmentOf(service(name))['ROSTER_FILE_STORE_DIR']);
    expect(dirs[0]).toMatch(/^\//);
    expect(dirs[1]).toBe(dirs[0]);
    const mounts = FILE_STORE_USERS.map((name) =>
      (service(name).volumes ?? [])
        .map((volume) => (typeof volume === 'string' ? volume.split(':') : []))
        .find(([, target]) => target === dirs[0]),
    );
    expect(mounts[0]?.[0]).toBeDefined();
    expect(mounts[1]?.[0]).toBe(mounts[0]?.[0]);
    expect(Object.keys(compose.volumes ?? {})).toContain(mounts[0]?.[0]);
  });

  it('keeps the notification-service letters (rendered PDFs, print-and-mail outbox) on a named volume', () => {
    const env = environmentOf(service('notification-service'));
    const mounts = (service('notification-service').volumes ?? []).map((volume) => (typeof volume === 'string' ? volume.split(':') : []));
    for (const dir of [env['LETTER_STORE_DIR'], env['LETTER_MAIL_OUTBOX_DIR']]) {
      const mount = mounts.find(([, target]) => dir?.startsWith(`${target}/`));
      expect({ dir, volume: mount?.[0] && Object.keys(compose.volumes ?? {}).includes(mount[0]) }).toEqual({ dir, volume: true });
    }
  });

  it.each([
    ['ops-dashboard', 3000],
    ['provider-portal', 3006],
  ])('serves %s on %d, pointed at the services over the compose network', (name, port) => {
    const dashboard = service(name);
    expect(dashboard.ports).toEqual([`${port}:${port}`]);
    expect(buildArgsOf(dashboard)['SERVICE']).toBe(name);
    expect(healthcheckCommand(dashboard).join(' ')).toContain(`http://127.0.0.1:${port}/health`);
    const env = environmentOf(dashboard);
    expect(env['HOST']).toBe('0.0.0.0');
    for (const name of SERVICES) {
      const variable = `${name.replace('-service', '').replace('-', '_').toUpperCase()}_SERVICE_URL`;
      expect({ [variable]: env[variable] }).toEqual({ [variable]: `http://${name}:${CONTRACT_PORTS[name]}` });
      expect({ [name]: dependenciesOf(dashboard)[name] }).toEqual({ [name]: 'service_healthy' });
    }
  });

  it.each(INFRASTRUCTURE)('%s has a healthcheck', (name) => {
    expect(healthcheckCommand(service(name)).length).toBeGreaterThan(0);
    expect(service(name).healthcheck?.disable).not.toBe(true);
  });

  it('runs the topics one-shot from the tools image once kafka is healthy', () => {
    const job = service(TOPICS_JOB);
    expect(buildOf(job).target).toBe('tools');
    expect(buildOf(job).dockerfile).toBe(DOCKERFILE);
    expect([...dockerfileStages().keys()]).toContain('tools');
    const command = Array.isArray(job.command) ? job.command : (job.command ?? '').split(/\s+/);
    expect(command).toContain('deploy/local/provision-topics.ts');
    expect(dependenciesOf(job)['kafka']).toBe('service_healthy');
    expect(environmentOf(job)['KAFKA_BROKERS']).toBe('kafka:9092');
  });

  it('runs Apache Kafka 4 as a single KRaft node with the single-node settings', () => {
    const kafka = service('kafka');
    expect(kafka.image).toMatch(/^apache\/kafka:4(\.\d+){0,2}$/);
    const properties = kafkaBrokerProperties(kafka);
    expect(properties['process.roles']?.split(',').sort()).toEqual(['broker', 'controller']);
    expect(properties['offsets.topic.replication.factor']).toBe('1');
    expect(properties['transaction.state.log.replication.factor']).toBe('1');
    expect(properties['transaction.state.log.min.isr']).toBe('1');
    expect(properties['group.initial.rebalance.delay.ms']).toBe('0');
    expect(properties['auto.create.topics.enable']).toBe('false');
  });

  it('runs PostgreSQL 15 with the rosterlink database and Redis 7 without persistence', () => {
    expect(service('postgres').image).toMatch(/^postgres:15(\b|$)/);
    expect(environmentOf(service('postgres'))['POSTGRES_DB']).toBe('rosterlink');
    expect(service('redis').image).toMatch(/^redis:7(\b|$)/);
    const command = service('redis').command;
    const args = Array.isArray(command) ? command : [];
    expect(args[args.indexOf('--save') + 1]).toBe('');
    expect(args).toContain('--save');
    expect(args[args.indexOf('--appendonly') + 1]).toBe('no');
  });
});

describe('deploy/docker/Dockerfile', () => {
  const stages = dockerfileStages();

  it('has the runtime and tools targets', () => {
    expect([...stages.keys()]).toEqual(expect.arrayContaining(['build', 'runtime', 'tools']));
  });

  it('ships the letter templates, which the notification-service reads at run time', () => {
    expect(stages.get('runtime')).toContain('COPY libs/letters/templates ./libs/letters/templates');
  });

  it('runs the service as a non-root user', () => {
    const users = (stages.get('runtime') ?? []).filter((line) => /^USER\s/i.test(line)).map((line) => line.split(/\s+/)[1]);
    expect(users.length).toBeGreaterThan(0);
    expect(users[users.length - 1]).not.toMatch(/^(root|0)(:|$)/);
  });
});
