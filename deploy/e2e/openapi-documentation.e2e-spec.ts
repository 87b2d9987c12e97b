import { ServiceProcess } from '@rosterlink/testing';

const SERVICES = ['upload-service', 'import-service', 'link-request-service', 'notification-service', 'access-service'];
/** Platform routes every service serves the same way; they are not the service's API. */
const PLATFORM_PATHS = ['/health', '/health/live', '/metrics'];

interface OpenApiOperation {
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
}
type OpenApiDocument = { paths: Record<string, Record<string, OpenApiOperation>> };

/**
 * What an operation's OpenAPI entry lacks: a summary and a description, and the client errors it
 * can answer. Every operation that needs a token documents 401; every one that takes a parameter
 * or a body documents 400 (the validation pipe refuses malformed and hostile values everywhere);
 * and every one documents at least one 4xx, except a public one that takes no input (the roster
 * template downloads), which has none to answer.
 */
function documentationProblems(method: string, path: string, operation: OpenApiOperation): string[] {
  const problems: string[] = [];
  const responses = Object.keys(operation.responses ?? {});
  const documents = (status: number) => responses.includes(String(status));
  const secured = (operation.security ?? []).length > 0;
  const takesInput = (operation.parameters ?? []).length > 0 || operation.requestBody !== undefined;
  if (!operation.summary?.trim()) problems.push('no summary');
  if (!operation.description?.trim()) problems.push('no description');
  if (secured && !documents(401)) problems.push('needs a token but does not document 401');
  if (takesInput && !documents(400)) problems.push('takes input but does not document 400');
  if ((secured || takesInput) && !responses.some((status) => /^4\d\d$/.test(status))) problems.push('documents no 4xx response');
  return problems.map((problem) => `${method.toUpperCase()} ${path}: ${problem}`);
}

/** Every operation of every service's OpenAPI document (GET /docs-json) says what it does and which client errors it answers. */
describe('the OpenAPI documents of the running services', () => {
  const running = new Map<string, ServiceProcess>();

  beforeAll(async () => {
    for (const [name, service] of await Promise.all(SERVICES.map(async (n) => [n, await ServiceProcess.start(n)] as const))) {
      running.set(name, service);
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...running.values()].map((s) => s.stop()));
  });

  it('flags an operation without a summary, a description or its client errors', () => {
    expect(documentationProblems('get', '/things', { security: [{ bearer: [] }], parameters: [{}], responses: { '200': {} } })).toEqual([
      'GET /things: no summary',
      'GET /things: no description',
      'GET /things: needs a token but does not document 401',
      'GET /things: takes input but does not document 400',
      'GET /things: documents no 4xx response',
    ]);
    expect(documentationProblems('get', '/template.csv', { summary: 'Template', description: 'The header row', responses: { '200': {} } })).toEqual([]);
  });

  it.each(SERVICES)('%s: every operation has a summary, a description and its 4xx responses', async (name) => {
    const service = running.get(name);
    if (!service) throw new Error(`${name} did not start`);
    const response = await fetch(`${service.baseUrl}/docs-json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApiDocument;
    const operations = Object.entries(document.paths)
      .filter(([path]) => !PLATFORM_PATHS.includes(path))
      .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.flatMap(({ method, path, operation }) => documentationProblems(method, path, operation))).toEqual([]);
  });
});
