/**
 * Writes docs/asyncapi.yaml, the AsyncAPI 3.0 catalog of every Kafka topic, from libs/contracts.
 * Run: `npm run asyncapi` (tsx deploy/asyncapi/generate-asyncapi.ts). deploy/test/asyncapi.spec.ts fails
 * when the committed file and the code differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASYNCAPI_PATH, renderAsyncApi, REPOSITORY_ROOT } from './asyncapi-document';

const path = join(REPOSITORY_ROOT, ASYNCAPI_PATH);
const yaml = renderAsyncApi();
let before: string | undefined;
try {
  before = readFileSync(path, 'utf8');
} catch {
  before = undefined;
}
if (before === yaml) {
  console.log(`${ASYNCAPI_PATH} is up to date`);
} else {
  writeFileSync(path, yaml);
  console.log(`wrote ${ASYNCAPI_PATH}`);
}
