import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SERVICE_NODE_FLAGS } from '@rosterlink/platform';

/**
 * The service processes' V8 flags have one source (libs/platform's SERVICE_NODE_FLAGS); the TypeScript
 * launchers import it, and the two shell-side copies are checked here.
 */
const ROOT = resolve(__dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the service processes’ V8 flags', () => {
  it('the container image starts the service with them', () => {
    const cmd = read('deploy/docker/Dockerfile')
      .split('\n')
      .filter((line) => line.startsWith('CMD '))
      .pop();
    expect(cmd).toContain(`exec node ${SERVICE_NODE_FLAGS.join(' ')} `);
  });

  it('`npm start` starts the services with them', () => {
    expect(read('deploy/local/common.sh')).toContain(`SERVICE_NODE_FLAGS="${SERVICE_NODE_FLAGS.join(' ')}"`);
    expect(read('deploy/local/run.sh')).toContain('node $SERVICE_NODE_FLAGS dist/services/$name/main.js');
  });
});
