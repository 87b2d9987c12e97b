import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { SERVICE_NODE_FLAGS } from '@rosterlink/platform';
import { eventually } from './eventually';
import { freePort } from './free-port';
import { grantsCaughtUp } from './grants';
import { serviceEnv, testStack } from './stack';
import { WORKSPACE_ROOT } from './workspace-root';

/** A built service (`dist/services/<name>/main.js`) running as its own process. */
export class ServiceProcess {
  private constructor(
    readonly name: string,
    readonly baseUrl: string,
    private readonly child: ChildProcess,
  ) {}

  /** Starts the service against the test stack on a free port; its log goes to .local/e2e-logs. */
  static async start(name: string, overrides: Record<string, string> = {}): Promise<ServiceProcess> {
    const port = await freePort();
    const logDir = join(WORKSPACE_ROOT, '.local/e2e-logs');
    await mkdir(logDir, { recursive: true });
    const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, join(WORKSPACE_ROOT, 'dist/services', name, 'main.js')], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'], ...serviceEnv(testStack(), { PORT: String(port), LOG_LEVEL: 'info', ...overrides }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const service = new ServiceProcess(name, `http://127.0.0.1:${port}`, child);
    await service.waitUntilHealthy();
    // A backend service (the `*-service`s; not the web apps) is ready once it holds the grants made so far.
    if (name.endsWith('-service')) await grantsCaughtUp(name);
    return service;
  }

  async waitUntilHealthy(timeoutMs = 60_000): Promise<void> {
    await eventually(
      async () => {
        if (this.child.exitCode !== null) throw new Error(`${this.name} exited with ${this.child.exitCode}`);
        const response = await fetch(`${this.baseUrl}/health`);
        if (response.status !== 200) throw new Error(`${this.name} /health is ${response.status}`);
      },
      { timeoutMs, intervalMs: 250 },
    );
  }

  /** Peak resident memory of the process so far (Linux VmHWM), in MiB. */
  async peakRssMiB(): Promise<number> {
    const status = await readFile(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    return Math.round(kb / 1024);
  }

  /** SIGKILL: the process dies mid-work, as in a crash or an OOM kill; nothing runs on the way out. */
  async kill(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGKILL');
    await once(this.child, 'exit');
  }

  /**
   * SIGTERM, as Ctrl-C or an orchestrator sends it. Nest runs the shutdown hooks (consumer
   * leaves its group, relay finishes its batch, connections close), then re-raises the signal.
   */
  async stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) {
      return { code: this.child.exitCode, signal: this.child.signalCode };
    }
    this.child.kill('SIGTERM');
    const [code, signal] = await once(this.child, 'exit');
    return { code, signal };
  }
}
