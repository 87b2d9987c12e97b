import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_BACKOFF, describeExit, FIRST_RUN, formatDuration, lastLines, parseProcessList, planRestart } from '../local/supervise';

describe('supervise (deploy/local/supervise.ts): restart bookkeeping', () => {
  it('waits 1 s after a first exit, doubles while the process keeps exiting quickly, and caps at 30 s', () => {
    let record = FIRST_RUN;
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      const plan = planRestart(record, 2_000);
      delays.push(plan.delayMs);
      record = plan.record;
    }
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    expect(record.restarts).toBe(8);
  });

  it('starts the backoff over after a run of at least 60 s, and keeps counting restarts', () => {
    let record = FIRST_RUN;
    for (let i = 0; i < 4; i++) record = planRestart(record, 500).record;
    expect(planRestart(record, 59_999).delayMs).toBe(16_000);
    const afterHealthyRun = planRestart(record, 60_000);
    expect(afterHealthyRun.delayMs).toBe(1_000);
    expect(afterHealthyRun.record).toEqual({ restarts: 5, quickExits: 1 });
    expect(planRestart(afterHealthyRun.record, 10).delayMs).toBe(2_000);
  });

  it('follows another policy', () => {
    const policy = { initialMs: 100, maxMs: 250, resetAfterMs: 1_000 };
    let record = FIRST_RUN;
    const delays = [0, 1, 2].map(() => {
      const plan = planRestart(record, 0, policy);
      record = plan.record;
      return plan.delayMs;
    });
    expect(delays).toEqual([100, 200, 250]);
    expect(DEFAULT_BACKOFF).toEqual({ initialMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 });
  });

  it('reads the process list from "<name> <command> [args…]" lines', () => {
    const text = '# the services\nupload-service node dist/services/upload-service/main.js\n\n  dashboard   node  main.js --port 3000 \n';
    expect(parseProcessList(text)).toEqual([
      { name: 'upload-service', command: 'node', args: ['dist/services/upload-service/main.js'] },
      { name: 'dashboard', command: 'node', args: ['main.js', '--port', '3000'] },
    ]);
    expect(() => parseProcessList('lonely\n')).toThrow('no command for "lonely"');
    expect(() => parseProcessList('a node x.js\na node y.js\n')).toThrow('"a" is listed twice');
  });

  it('says why a process ended, for how long it ran, and what it logged last', () => {
    expect(describeExit(1, null)).toBe('exited with code 1');
    expect(describeExit(0, null)).toBe('exited with code 0');
    expect(describeExit(null, 'SIGKILL')).toBe('was killed by SIGKILL');
    expect([250, 1_000, 59_400, 61_000, 3_725_000].map(formatDuration)).toEqual(['250ms', '1s', '59s', '1m01s', '1h02m']);
    const log = Array.from({ length: 15 }, (_, i) => `line ${i + 1}`).join('\n') + '\n\n';
    expect(lastLines(log)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i + 6}`));
    expect(lastLines('x'.repeat(500), 10, 400)).toEqual([`${'x'.repeat(400)}…`]);
    expect(lastLines('')).toEqual([]);
  });
});

/**
 * The real thing, on two tiny child scripts: one is killed with SIGKILL and must come back; the other
 * ignores SIGTERM and must still be gone once the supervisor has been stopped.
 */
describe('supervise (deploy/local/supervise.ts): a supervisor process', () => {
  const ROOT = resolve(__dirname, '../..');
  let dir: string;
  let supervisor: ChildProcess | undefined;
  let output = '';
  const pids: number[] = [];

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const until = async <T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 5_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; supervisor output:\n${output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  const pidFrom = (pattern: RegExp) => {
    const match = pattern.exec(output);
    return match ? Number(match[1]) : undefined;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'supervise-spec-'));
    writeFileSync(
      join(dir, 'child.js'),
      [
        'const [name, mode] = process.argv.slice(2);',
        "if (mode === 'stubborn') process.on('SIGTERM', () => console.log(`${name}: SIGTERM ignored`));",
        'console.log(`${name} up, pid ${process.pid}`);',
        'setInterval(() => {}, 1000);',
      ].join('\n'),
    );
  });

  afterAll(() => {
    // Whatever a failed run left behind.
    for (const pid of [...pids, supervisor?.pid ?? 0]) if (pid && alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('restarts a child killed with SIGKILL, names it in its output, and stops every child on SIGTERM', async () => {
    const logs = join(dir, 'logs');
    const child = join(dir, 'child.js');
    supervisor = spawn(
      process.execPath,
      ['--import', 'tsx', 'deploy/local/supervise.ts', '--logs', logs, '--backoff-ms', '200', '--stop-timeout-ms', '1000'],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    supervisor.stdout?.on('data', (chunk) => (output += chunk));
    supervisor.stderr?.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((done) => supervisor?.once('exit', (code) => done(code)));
    supervisor.stdin?.end(`steady ${process.execPath} ${child} steady\nstubborn ${process.execPath} ${child} stubborn stubborn\n`);

    const steady = await until('steady to start', () => pidFrom(/steady started, pid (\d+)/));
    const stubborn = await until('stubborn to start', () => pidFrom(/stubborn started, pid (\d+)/));
    pids.push(steady, stubborn);
    const logged = (name: string, text: string) => {
      try {
        return readFileSync(join(logs, `${name}.log`), 'utf8').includes(text);
      } catch {
        return false;
      }
    };
    await until('steady to log', () => logged('steady', `steady up, pid ${steady}`));
    await until('stubborn to log', () => logged('stubborn', `stubborn up, pid ${stubborn}`));

    process.kill(steady, 'SIGKILL');
    const restarted = await until('steady to be restarted', () => pidFrom(/steady restarted \(restart #1\), pid (\d+)/));
    pids.push(restarted);
    expect(output).toContain(`steady (pid ${steady}) was killed by SIGKILL`);
    expect(output).toContain(`steady up, pid ${steady}`); // its last log line, quoted in the report
    expect(output).toMatch(/steady: restart #1 in 200ms, at \d\d:\d\d:\d\d/);
    expect(restarted).not.toBe(steady);
    expect(alive(restarted)).toBe(true);
    expect(alive(stubborn)).toBe(true);
    await until('the restarted steady to log', () => logged('steady', `steady up, pid ${restarted}`));

    supervisor.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: stopping steady, stubborn');
    expect(output).toContain(`steady (pid ${restarted}) stopped: was killed by SIGTERM`);
    expect(output).toContain(`stubborn (pid ${stubborn}) stopped: was killed by SIGKILL`);
    expect(pids.filter(alive)).toEqual([]);
    expect(output).not.toContain('steady restarted (restart #2)');
  }, 15_000);
});
