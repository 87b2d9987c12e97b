/**
 * Keeps a few processes running: `npm start` (deploy/local/run.sh) runs the services and the operations
 * dashboard under it.
 *
 *   node --import tsx deploy/local/supervise.ts [--logs .local/logs] [--backoff-ms 1000] [--max-backoff-ms 30000]
 *     [--reset-after-ms 60000] [--stop-timeout-ms 10000] < processes
 *
 * stdin lists the processes, one a line: `<name> <command> [args…]`, split on white space. The list comes
 * on stdin rather than on the command line so that `pgrep -f dist/services/<name>/main.js` finds the
 * service and never its supervisor. Each process runs in its own process group, with its stdout and stderr
 * appended to `<logs>/<name>.log`.
 *
 * A process that exits, whatever the code or signal, is started again after a backoff that doubles from
 * --backoff-ms up to --max-backoff-ms, and starts over once the process has stayed up --reset-after-ms.
 * Each exit is reported on stdout: which process, why, the last lines of its log, its restart count and
 * when it restarts. SIGINT, SIGTERM or SIGHUP stop the supervisor: no more restarts, SIGTERM to every
 * process group, SIGKILL to whatever is left after --stop-timeout-ms, then exit 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readSync, fstatSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

export interface ProcessSpec {
  name: string;
  command: string;
  args: string[];
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  /** A run at least this long counts as healthy: the next restart waits initialMs again. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

/** What the supervisor remembers about one process across its runs. */
export interface RestartRecord {
  /** Restarts so far, for the run log. */
  restarts: number;
  /** Exits in a row without a healthy run between them: the exponent of the backoff. */
  quickExits: number;
}

export const FIRST_RUN: RestartRecord = { restarts: 0, quickExits: 0 };

/** The pure part of supervision: after a run of `upForMs` ended, how long to wait and what to remember. */
export function planRestart(record: RestartRecord, upForMs: number, policy: BackoffPolicy = DEFAULT_BACKOFF) {
  const quickExits = upForMs >= policy.resetAfterMs ? 0 : record.quickExits;
  const delayMs = Math.min(policy.maxMs, policy.initialMs * 2 ** quickExits);
  return { delayMs, record: { restarts: record.restarts + 1, quickExits: quickExits + 1 } };
}

/** `<name> <command> [args…]` a line; blank lines and `#` comments are skipped. */
export function parseProcessList(text: string): ProcessSpec[] {
  const specs = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [name, command, ...args] = line.split(/\s+/);
      if (!command) throw new Error(`no command for "${name}" (expected "<name> <command> [args…]")`);
      return { name, command, args };
    });
  const names = specs.map((s) => s.name);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate) throw new Error(`"${duplicate}" is listed twice`);
  return specs;
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  if (signal) return `was killed by ${signal}`;
  return code === null ? 'could not be started' : `exited with code ${code}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)}ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  const pad = (n: number) => String(n).padStart(2, '0');
  return minutes < 60 ? `${minutes}m${pad(seconds % 60)}s` : `${Math.floor(minutes / 60)}h${pad(minutes % 60)}m`;
}

/** The last `count` lines of a log's tail, each cut to `width` characters. */
export function lastLines(tail: string, count = 10, width = 400): string[] {
  const lines = tail.split(/\r?\n/).filter((line) => line.trim() !== '');
  return lines.slice(-count).map((line) => (line.length > width ? `${line.slice(0, width)}…` : line));
}

/** The end of a file (at most `bytes`), starting at a whole line; '' when there is no file. */
function readTail(file: string, bytes = 32_768): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return '';
  }
  try {
    const size = fstatSync(fd).size;
    const start = Math.max(0, size - bytes);
    const buffer = Buffer.alloc(size - start);
    readSync(fd, buffer, 0, buffer.length, start);
    const text = buffer.toString('utf8');
    return start > 0 ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    closeSync(fd);
  }
}

function say(line: string): void {
  console.log(`[supervise ${new Date().toTimeString().slice(0, 8)}] ${line}`);
}

/** Signals a process's whole group (each child leads one), or the process alone if the group is gone. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  for (const target of [-pid, pid]) {
    try {
      process.kill(target, signal);
      return;
    } catch {
      // already gone
    }
  }
}

interface Run {
  process: ChildProcess;
  startedAt: number;
  exited: Promise<void>;
}

interface Supervised {
  spec: ProcessSpec;
  record: RestartRecord;
  run?: Run;
  restartTimer?: NodeJS.Timeout;
}

export interface SupervisorOptions {
  logs: string;
  backoff: BackoffPolicy;
  stopTimeoutMs: number;
}

export class Supervisor {
  private readonly processes: Supervised[];
  private stopping?: Promise<void>;

  constructor(
    specs: ProcessSpec[],
    private readonly options: SupervisorOptions,
  ) {
    this.processes = specs.map((spec) => ({ spec, record: FIRST_RUN }));
  }

  start(): void {
    mkdirSync(this.options.logs, { recursive: true });
    for (const supervised of this.processes) this.launch(supervised);
  }

  /** No more restarts; SIGTERM to every process, SIGKILL after the timeout. Safe to call more than once. */
  stop(reason: string): Promise<void> {
    this.stopping ??= this.stopAll(reason);
    return this.stopping;
  }

  /** Last resort (the supervisor itself is exiting): SIGKILL whatever still runs. */
  killAll(): void {
    for (const { run } of this.processes) if (run?.process.pid) signalGroup(run.process.pid, 'SIGKILL');
  }

  private logFile(name: string): string {
    return join(this.options.logs, `${name}.log`);
  }

  private launch(supervised: Supervised): void {
    const { spec, record } = supervised;
    const log = openSync(this.logFile(spec.name), 'a');
    let child: ChildProcess;
    try {
      // detached: its own process group, so a Ctrl-C at the terminal reaches the supervisor only, which
      // then stops the processes itself (and does not mistake their exit for a crash).
      child = spawn(spec.command, spec.args, { stdio: ['ignore', log, log], detached: true });
    } finally {
      closeSync(log);
    }
    let ended!: () => void;
    const run: Run = { process: child, startedAt: Date.now(), exited: new Promise((resolve) => (ended = resolve)) };
    supervised.run = run;
    let done = false;
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (done) return;
      done = true;
      supervised.run = undefined;
      ended();
      this.onExit(supervised, run, code, signal, error);
    };
    child.once('exit', (code, signal) => onEnd(code, signal));
    child.once('error', (error) => onEnd(null, null, error));
    if (child.pid === undefined) return; // the 'error' event follows
    if (record.restarts === 0) say(`${spec.name} started, pid ${child.pid}, log ${this.logFile(spec.name)}`);
    else say(`${spec.name} restarted (restart #${record.restarts}), pid ${child.pid}`);
  }

  private onExit(supervised: Supervised, run: Run, code: number | null, signal: NodeJS.Signals | null, error?: Error): void {
    const { name } = supervised.spec;
    const pid = run.process.pid ?? '-';
    const upFor = Date.now() - run.startedAt;
    if (this.stopping) {
      say(`${name} (pid ${pid}) stopped: ${describeExit(code, signal)}`);
      return;
    }
    const { delayMs, record } = planRestart(supervised.record, upFor, this.options.backoff);
    supervised.record = record;
    const why = error ? `could not be started (${error.message})` : describeExit(code, signal);
    const before = record.restarts - 1;
    say(`${name} (pid ${pid}) ${why} after ${formatDuration(upFor)} up (${before} ${before === 1 ? 'restart' : 'restarts'} so far)`);
    const lines = lastLines(readTail(this.logFile(name)));
    if (lines.length) {
      say(`${name}: the last ${lines.length === 1 ? 'line' : `${lines.length} lines`} of ${this.logFile(name)}:`);
      for (const line of lines) console.log(`    ${line}`);
    }
    const at = new Date(Date.now() + delayMs).toTimeString().slice(0, 8);
    say(`${name}: restart #${record.restarts} in ${formatDuration(delayMs)}, at ${at}`);
    supervised.restartTimer = setTimeout(() => {
      supervised.restartTimer = undefined;
      this.launch(supervised);
    }, delayMs);
  }

  private async stopAll(reason: string): Promise<void> {
    for (const supervised of this.processes) clearTimeout(supervised.restartTimer);
    const running = () => this.processes.flatMap((s) => (s.run ? [{ name: s.spec.name, run: s.run }] : []));
    const exited = () => Promise.all(running().map(({ run }) => run.exited));
    const names = running().map(({ name }) => name);
    say(`${reason}: stopping ${names.length ? names.join(', ') : 'nothing (none running)'}`);
    for (const { run } of running()) if (run.process.pid) signalGroup(run.process.pid, 'SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited(), new Promise((resolve) => (timer = setTimeout(resolve, this.options.stopTimeoutMs)))]);
    clearTimeout(timer);
    const stubborn = running();
    if (stubborn.length) {
      say(`${stubborn.map(({ name }) => name).join(', ')} still running after ${formatDuration(this.options.stopTimeoutMs)}: SIGKILL`);
      this.killAll();
      await exited();
    }
    say('all stopped');
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      logs: { type: 'string', default: '.local/logs' },
      'backoff-ms': { type: 'string', default: String(DEFAULT_BACKOFF.initialMs) },
      'max-backoff-ms': { type: 'string', default: String(DEFAULT_BACKOFF.maxMs) },
      'reset-after-ms': { type: 'string', default: String(DEFAULT_BACKOFF.resetAfterMs) },
      'stop-timeout-ms': { type: 'string', default: '10000' },
    },
  });
  const ms = (option: keyof typeof values) => {
    const value = Number(values[option]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${option} wants milliseconds, not "${values[option]}"`);
    return value;
  };
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const specs = parseProcessList(input);
  if (specs.length === 0) throw new Error('no processes on stdin (one a line: "<name> <command> [args…]")');

  const supervisor = new Supervisor(specs, {
    logs: values.logs,
    backoff: { initialMs: ms('backoff-ms'), maxMs: ms('max-backoff-ms'), resetAfterMs: ms('reset-after-ms') },
    stopTimeoutMs: ms('stop-timeout-ms'),
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void supervisor.stop(signal).then(() => process.exit(0)));
  }
  // Should the supervisor die of an error, its processes go with it rather than run on unsupervised.
  process.on('exit', () => supervisor.killAll());
  supervisor.start();
}

if (require.main === module) {
  main().catch((error) => {
    say(`failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
