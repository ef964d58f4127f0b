// `npm run load` (and `npm run load:soak`): the real server, started as
// `npm start` would with its embedded emulator, under autocannon on
// loopback. Reports requests per second, p50/p99 latency, non-2xx answers,
// errors and the server's RSS; fails on any error or unbounded memory.
// Writes bench/load-results.json (soak: bench/soak-results.json).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { format } from 'prettier';
import { z } from 'zod';
import { envInt, parseEnv } from '#contract/env.ts';

// Only the part of autocannon's API used here (it ships no types).
type AutocannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
};
type Percentiles = Record<'average' | 'p50' | 'p99' | 'max', number>;
type AutocannonResult = {
  requests: Percentiles & { total: number; sent: number };
  latency: Percentiles;
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
  duration: number;
};
const autocannon = createRequire(import.meta.url)('autocannon') as (options: {
  url: string;
  connections: number;
  duration: number;
  timeout: number;
  requests: AutocannonRequest[];
}) => PromiseLike<AutocannonResult>;

const ROOT = resolve(import.meta.dirname ?? '.', '..');
const SOAK = process.argv.includes('--soak');

const settingsSchema = z.object({
  LOAD_DURATION_S: envInt(1, 86_400).default(SOAK ? 600 : 30),
  LOAD_CONNECTIONS: envInt(1, 10_000).default(SOAK ? 50 : 200),
  // Growth of the server's RSS over its idle baseline that still passes.
  LOAD_RSS_BOUND_MIB: envInt(1, 65_536).default(256),
  // Soak: how much the RSS may rise from the early to the late part of the
  // run (medians, so a garbage collection in between does not count).
  LOAD_SOAK_GROWTH_MIB: envInt(1, 65_536).default(64),
  LOAD_SAMPLE_S: envInt(1, 600).default(SOAK ? 5 : 1),
  LOAD_PAGE_SIZE: envInt(1, 100).default(10),
  LOAD_LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('warn'),
  LOAD_RESULTS: z
    .string()
    .default(join('bench', SOAK ? 'soak-results.json' : 'load-results.json')),
});

const parsedSettings = parseEnv(settingsSchema, process.env);
if (!parsedSettings.ok) {
  console.error(`load: bad settings:\n  ${parsedSettings.errors.join('\n  ')}`);
  process.exit(2);
}
const settings = parsedSettings.config;
const PHASE_NAMES = SOAK ? ['mixed'] : ['list', 'get', 'patch'];
// The run may never outlive this, whatever hangs.
const DEADLINE_MS =
  PHASE_NAMES.length * (settings.LOAD_DURATION_S + 30) * 1000 + 120_000;

type RssSample = { atS: number; phase: string; mib: number };
type Phase = {
  name: string;
  connections: number;
  durationS: number;
  requestsPerSecond: number;
  requests: number;
  latencyMs: { p50: number; p99: number; max: number; average: number };
  status2xx: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  rssBeforeMiB: number;
  rssPeakMiB: number;
  rssAfterMiB: number;
};
type Check = { name: string; ok: boolean; detail: string };

const tmp = mkdtempSync(join(tmpdir(), 'lifeguard-load-'));
const logFile = join(tmp, 'server.log');
let server: ChildProcess | undefined;

function killServer() {
  if (server && server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
  }
}
function cleanUp() {
  killServer();
  rmSync(tmp, { recursive: true, force: true });
}
process.once('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`load: ${signal}, stopping the server`);
    cleanUp();
    process.exit(130);
  });
}
setTimeout(() => {
  console.error(`load: still running after ${DEADLINE_MS / 1000} s; giving up`);
  cleanUp();
  process.exit(1);
}, DEADLINE_MS).unref();

function serverLog(): string {
  return existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
}

/** The server's resident memory in MiB, from /proc (or ps elsewhere). */
function rssMiB(pid: number): number {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(status, 'utf8'));
    if (match) return Math.round(Number(match[1]) / 102.4) / 10;
  }
  const kib = execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], {
    encoding: 'utf8',
  });
  return Math.round(Number(kib.trim()) / 102.4) / 10;
}

async function startServer(): Promise<{ url: string; emulatorUrl: string }> {
  const log = openSync(logFile, 'w');
  server = spawn(
    process.execPath,
    ['--import', 'tsx', join('src', 'server', 'main.ts')],
    {
      cwd: ROOT,
      // Only what the run sets: a developer's CONFLUENT_* must not leak in.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmp,
        HOST: '127.0.0.1',
        PORT: '0',
        EMULATOR_HOST: '127.0.0.1',
        EMULATOR_PORT: '0',
        DATA_DIR: join(tmp, 'data'),
        DIST_DIR: join(tmp, 'no-dist'),
        LOG_LEVEL: settings.LOAD_LOG_LEVEL,
        API_RATE_LIMIT: '0',
        EMULATOR_RATE_LIMIT: '1000000',
        EMULATOR_SEED: 'demo',
      },
      stdio: ['ignore', log, log],
    },
  );
  closeSync(log);
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    const text = serverLog();
    const url = /serving the console on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
    const emulator =
      /embedded Confluent IAM emulator at (http:\/\/\S+?)\.?\n/.exec(text);
    if (url && emulator) return { url: url[1]!, emulatorUrl: emulator[1]! };
    if (server.exitCode !== null || server.signalCode !== null) break;
    await sleep(100);
  }
  throw new Error(`the server did not start:\n${serverLog().slice(-4000)}`);
}

const listSchema = z.object({
  data: z.array(z.object({ id: z.string() })),
  metadata: z.object({ total_size: z.number().optional() }).optional(),
});

async function getJson(url: string) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return listSchema.parse(await response.json());
}

/** The demo provider with the most pools, and its first pool. */
async function pickTarget(url: string) {
  const providers = await getJson(
    `${url}/api/iam/v2/identity-providers?page_size=100`,
  );
  let best = { providerId: '', poolId: '', pools: -1 };
  for (const { id } of providers.data) {
    const pools = await getJson(
      `${url}/api/iam/v2/identity-providers/${id}/identity-pools?page_size=1`,
    );
    const total = pools.metadata?.total_size ?? pools.data.length;
    if (total > best.pools && pools.data[0]) {
      best = { providerId: id, poolId: pools.data[0].id, pools: total };
    }
  }
  if (!best.poolId) throw new Error('the demo seed has no pools');
  return best;
}

function requestsFor(
  phase: string,
  url: string,
  target: { providerId: string; poolId: string },
): AutocannonRequest[] {
  const pools = `/api/iam/v2/identity-providers/${target.providerId}/identity-pools`;
  let edits = 0;
  const byName: Record<string, AutocannonRequest> = {
    list: {
      method: 'GET',
      path: `${pools}?page_size=${settings.LOAD_PAGE_SIZE}`,
    },
    get: { method: 'GET', path: `${pools}/${target.poolId}` },
    // As the console sends a write: same origin, with its CSRF header.
    patch: {
      method: 'PATCH',
      path: `${pools}/${target.poolId}`,
      headers: {
        'content-type': 'application/json',
        'x-lifeguard-csrf': '1',
        origin: url,
      },
      setupRequest: (request) => ({
        ...request,
        body: JSON.stringify({ description: `load run edit ${++edits}` }),
      }),
    },
  };
  const names = phase === 'mixed' ? ['list', 'get', 'patch'] : [phase];
  return names.map((name) => byName[name]!);
}

async function runPhase(
  name: string,
  url: string,
  target: { providerId: string; poolId: string },
  pid: number,
  samples: RssSample[],
  startedAt: number,
): Promise<Phase> {
  const rssBeforeMiB = rssMiB(pid);
  let rssPeakMiB = rssBeforeMiB;
  const sampler = setInterval(() => {
    const mib = rssMiB(pid);
    rssPeakMiB = Math.max(rssPeakMiB, mib);
    samples.push({ atS: (Date.now() - startedAt) / 1000, phase: name, mib });
  }, settings.LOAD_SAMPLE_S * 1000);
  console.log(
    `▶ ${name}: ${settings.LOAD_CONNECTIONS} connections for ${settings.LOAD_DURATION_S} s`,
  );
  let result: AutocannonResult;
  try {
    result = await autocannon({
      url,
      connections: settings.LOAD_CONNECTIONS,
      duration: settings.LOAD_DURATION_S,
      timeout: 10,
      requests: requestsFor(name, url, target),
    });
  } finally {
    clearInterval(sampler);
  }
  const rssAfterMiB = rssMiB(pid);
  rssPeakMiB = Math.max(rssPeakMiB, rssAfterMiB);
  samples.push({
    atS: (Date.now() - startedAt) / 1000,
    phase: name,
    mib: rssAfterMiB,
  });
  return {
    name,
    connections: settings.LOAD_CONNECTIONS,
    durationS: result.duration,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      max: result.latency.max,
      average: result.latency.average,
    },
    status2xx: result['2xx'],
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [
        code,
        count,
      ]),
    ),
    errors: result.errors,
    timeouts: result.timeouts,
    rssBeforeMiB,
    rssPeakMiB,
    rssAfterMiB,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Soak: the median RSS of the last third against the first third, after a fifth of warm-up. */
function sustainedGrowth(samples: RssSample[]): Check {
  const steady = samples.slice(Math.floor(samples.length / 5));
  const third = Math.floor(steady.length / 3);
  if (third < 2) {
    return {
      name: 'no sustained memory growth',
      ok: true,
      detail: `too few samples (${samples.length}) to judge; run longer`,
    };
  }
  const early = median(steady.slice(0, third).map((s) => s.mib));
  const late = median(steady.slice(-third).map((s) => s.mib));
  return {
    name: 'no sustained memory growth',
    ok: late - early <= settings.LOAD_SOAK_GROWTH_MIB,
    detail: `median RSS ${early.toFixed(0)} MiB early, ${late.toFixed(0)} MiB late (allowed rise ${settings.LOAD_SOAK_GROWTH_MIB} MiB)`,
  };
}

/** Server log lines at error level or above (pino: 50+), and warnings. */
function logLevels(text: string) {
  let warnings = 0;
  const errors: string[] = [];
  for (const line of text.split('\n')) {
    const level = /"level":(\d+)/.exec(line);
    if (!level) continue;
    if (Number(level[1]) >= 50) errors.push(line.slice(0, 500));
    else if (Number(level[1]) >= 40) warnings += 1;
  }
  return { warnings, errors };
}

async function stopServer(): Promise<{ code: number | null; ms: number }> {
  const child = server;
  if (!child || child.exitCode !== null) {
    return { code: child?.exitCode ?? null, ms: 0 };
  }
  const started = Date.now();
  const exited = new Promise<number | null>((done) =>
    child.once('exit', (code) => done(code)),
  );
  child.kill('SIGTERM');
  const code = await Promise.race([exited, sleep(15_000).then(() => null)]);
  if (code === null) killServer();
  return { code, ms: Date.now() - started };
}

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

function table(phases: Phase[], baseline: number, endMiB: number): string {
  const header = [
    'phase'.padEnd(8),
    pad('conns', 5),
    pad('req/s', 8),
    pad('requests', 9),
    pad('p50 ms', 7),
    pad('p99 ms', 7),
    pad('max ms', 7),
    pad('non-2xx', 7),
    pad('errors', 6),
    pad('RSS MiB', 8),
    pad('peak', 6),
  ].join(' ');
  const rows = phases.map((p) =>
    [
      p.name.padEnd(8),
      pad(p.connections, 5),
      pad(p.requestsPerSecond.toFixed(0), 8),
      pad(p.requests, 9),
      pad(p.latencyMs.p50, 7),
      pad(p.latencyMs.p99, 7),
      pad(p.latencyMs.max, 7),
      pad(p.non2xx, 7),
      pad(p.errors, 6),
      pad(p.rssAfterMiB.toFixed(0), 8),
      pad(p.rssPeakMiB.toFixed(0), 6),
    ].join(' '),
  );
  return [
    header,
    '-'.repeat(header.length),
    ...rows,
    `RSS: ${baseline.toFixed(0)} MiB before, ${endMiB.toFixed(0)} MiB at the end (after 5 s idle)`,
  ].join('\n');
}

async function main(): Promise<boolean> {
  const startedAt = Date.now();
  console.log(
    `Lifeguard ${SOAK ? 'soak' : 'load'} run: ${PHASE_NAMES.join(', ')}; ${settings.LOAD_CONNECTIONS} connections, ${settings.LOAD_DURATION_S} s each, on loopback`,
  );
  const { url, emulatorUrl } = await startServer();
  const pid = server!.pid!;
  console.log(`server ${url} (pid ${pid}), embedded emulator ${emulatorUrl}`);
  const target = await pickTarget(url);
  console.log(
    `target: provider ${target.providerId} (${target.pools} pools), pool ${target.poolId}`,
  );

  const samples: RssSample[] = [];
  const baseline = rssMiB(pid);
  samples.push({ atS: 0, phase: 'before', mib: baseline });
  const phases: Phase[] = [];
  for (const name of PHASE_NAMES) {
    const phase = await runPhase(name, url, target, pid, samples, startedAt);
    phases.push(phase);
    console.log(
      `  ${phase.requestsPerSecond.toFixed(0)} req/s, p50 ${phase.latencyMs.p50} ms, p99 ${phase.latencyMs.p99} ms, non-2xx ${phase.non2xx}, errors ${phase.errors}, RSS ${phase.rssAfterMiB.toFixed(0)} MiB (peak ${phase.rssPeakMiB.toFixed(0)})`,
    );
  }
  await sleep(5_000);
  const endMiB = rssMiB(pid);
  samples.push({
    atS: (Date.now() - startedAt) / 1000,
    phase: 'end',
    mib: endMiB,
  });
  const stopped = await stopServer();
  const log = logLevels(serverLog());

  const peak = Math.max(...samples.map((s) => s.mib));
  const checks: Check[] = [
    ...phases.map((p) => ({
      name: `${p.name}: every answer 2xx, no errors`,
      ok:
        p.non2xx === 0 && p.errors === 0 && p.timeouts === 0 && p.requests > 0,
      detail: `${p.requests} requests, ${p.non2xx} non-2xx (${JSON.stringify(p.statusCodes)}), ${p.errors} errors, ${p.timeouts} timeouts`,
    })),
    {
      name: 'bounded memory',
      ok: peak - baseline <= settings.LOAD_RSS_BOUND_MIB,
      detail: `peak RSS ${peak.toFixed(0)} MiB, ${(peak - baseline).toFixed(0)} MiB above the ${baseline.toFixed(0)} MiB baseline (allowed ${settings.LOAD_RSS_BOUND_MIB})`,
    },
    ...(SOAK
      ? [sustainedGrowth(samples.filter((s) => s.phase === 'mixed'))]
      : []),
    {
      name: 'no error in the server log',
      ok: log.errors.length === 0,
      detail: `${log.errors.length} error lines, ${log.warnings} warnings${log.errors[0] ? `; first: ${log.errors[0]}` : ''}`,
    },
    {
      name: 'clean shutdown',
      ok: stopped.code === 0,
      detail: `SIGTERM: exit ${stopped.code} after ${stopped.ms} ms`,
    },
  ];
  const passed = checks.every((check) => check.ok);

  console.log(`\n${table(phases, baseline, endMiB)}\n`);
  for (const check of checks) {
    console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  }
  const file = resolve(ROOT, settings.LOAD_RESULTS);
  // Formatted as `npm run format` would, so the file can be committed.
  const summary = await format(
    JSON.stringify({
      run: SOAK ? 'soak' : 'load',
      startedAt: new Date(startedAt).toISOString(),
      machine: {
        cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      settings,
      target,
      phases,
      rss: {
        baselineMiB: baseline,
        peakMiB: peak,
        endMiB,
        samples,
      },
      serverLog: { warnings: log.warnings, errors: log.errors.slice(0, 20) },
      checks,
      passed,
    }),
    { parser: 'json' },
  );
  writeFileSync(file, summary);
  console.log(
    `\n${passed ? 'PASSED' : 'FAILED'}; details in ${relative(ROOT, file)}`,
  );
  return passed;
}

let passed = false;
try {
  passed = await main();
} catch (error) {
  console.error(`load: ${(error as Error).stack ?? String(error)}`);
  const tail = serverLog().slice(-2000);
  if (tail) console.error(`server log (end):\n${tail}`);
} finally {
  cleanUp();
}
process.exit(passed ? 0 : 1);
