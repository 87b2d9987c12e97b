import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, WriteStream } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SERVICE_NODE_FLAGS } from '@rosterlink/platform';
import { FAULTS_DIR, WORKSPACE_ROOT } from './private-stack';

export const SERVICE_NAMES = ['upload-service', 'import-service', 'link-request-service', 'notification-service'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

export interface UnexpectedExit {
  service: ServiceName;
  /** The instance's label: the service name, or `<name> (replica)` for a second instance. */
  label: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  at: Date;
}

/**
 * A built service (`node dist/services/<name>/main.js`) as its own process, on a port it keeps
 * across restarts (clients keep their base URL). It tells a kill or stop the drill asked for from
 * an exit nobody asked for: the second is a crash, and fails the drill. A second instance of a
 * service (same environment, same consumer groups, another port) names itself by `instance`,
 * which its log file carries too.
 */
export class DrillService {
  private child?: ChildProcess;
  private log?: WriteStream;
  private expectingExit = false;
  readonly unexpectedExits: UnexpectedExit[] = [];

  constructor(
    readonly name: ServiceName,
    readonly port: number,
    private readonly env: Record<string, string>,
    readonly instance = '',
  ) {}

  /** `link-request-service`, or `link-request-service (replica)`. */
  get label(): string {
    return this.instance ? `${this.name} (${this.instance})` : this.name;
  }

  /** The process id while it runs. */
  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `dist/services/<name>/main.js`, or another build named by FAULT_DRILL_MAIN_<NAME> (to drill an older or patched build). */
  get mainScript(): string {
    const override = process.env[`FAULT_DRILL_MAIN_${this.name.toUpperCase().replace(/-/g, '_')}`];
    return override || join(WORKSPACE_ROOT, 'dist/services', this.name, 'main.js');
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Exited without being told to, and not started again since. */
  get crashed(): boolean {
    return !!this.child && !this.running && !this.expectingExit;
  }

  async start(timeoutMs = 90_000): Promise<void> {
    if (this.running) return;
    const logDir = join(FAULTS_DIR, 'logs');
    await mkdir(logDir, { recursive: true });
    this.log ??= createWriteStream(this.logFile, { flags: 'a' });
    this.log.write(`\n===== ${new Date().toISOString()} start ${this.label} on :${this.port}\n`);
    this.expectingExit = false;
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, this.mainScript], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'], ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(this.log, { end: false });
    child.stderr?.pipe(this.log, { end: false });
    child.once('exit', (code, signal) => {
      this.log?.write(`===== ${new Date().toISOString()} ${this.label} exited (code ${code}, signal ${signal})\n`);
      if (!this.expectingExit) this.unexpectedExits.push({ service: this.name, label: this.label, code, signal, at: new Date() });
    });
    this.child = child;
    await this.waitUntilHealthy(timeoutMs);
  }

  async waitUntilHealthy(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.label} exited while starting (see .local/faults/logs/${this.logName})`);
      try {
        const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`${this.label} not healthy after ${timeoutMs} ms`);
      await sleep(250);
    }
  }

  /** `<name>.log`, or `<name>.<instance>.log`. */
  get logName(): string {
    return this.instance ? `${this.name}.${this.instance}.log` : `${this.name}.log`;
  }

  get logFile(): string {
    return join(FAULTS_DIR, 'logs', this.logName);
  }

  /** The error a crashed process printed last (Node's uncaught-exception report), from its log. */
  async crashReason(): Promise<string | undefined> {
    const log = await readFile(this.logFile, 'utf8').catch(() => '');
    const lines = log.split('\n');
    const exit = lines.findLastIndex((l) => /exited \(code [1-9]/.test(l));
    const report = lines.slice(Math.max(0, exit - 25), exit).findLast((l) => /^(\w*Error|Error)\b|^\w+Error:/.test(l));
    return report?.trim().slice(0, 200);
  }

  /** SIGKILL: dies mid-work, nothing runs on the way out. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.expectingExit = true;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM: the shutdown hooks run (consumer leaves its group, relay finishes its batch). */
  async stop(timeoutMs = 30_000): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.expectingExit = true;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.start();
  }
}
