import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { testStack } from './stack';
import { WORKSPACE_ROOT } from './workspace-root';

const run = promisify(execFile);

/**
 * Takes the test run's broker away and brings it back, for outage tests. Locally the broker
 * process really stops and restarts (same data directory); in a container it is paused, which
 * keeps its mapped port.
 */
export async function stopKafka(): Promise<void> {
  await controlKafka('stop');
}

export async function startKafka(): Promise<void> {
  await controlKafka('start');
}

async function controlKafka(action: 'stop' | 'start'): Promise<void> {
  const [kind, target] = testStack().kafkaControl.split(':');
  if (kind === 'local') {
    await run('bash', [join(WORKSPACE_ROOT, 'deploy/local/stack.sh'), `kafka-${action}`, target]);
    return;
  }
  const { getContainerRuntimeClient } = await import('testcontainers');
  const client = await getContainerRuntimeClient();
  const container = client.container.getById(target);
  await (action === 'stop' ? container.pause() : container.unpause());
}
