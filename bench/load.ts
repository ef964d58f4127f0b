// `npm run load` (and `npm run load:soak`): the real server, started as
// `npm start` would with its embedded emulator, under autocannon on
// loopback. `npm run load -- --replicas 2` (`npm run load:replicas`): two
// servers on one throwaway PostgreSQL behind a round-robin balancer, one
// standalone emulator as their upstream (bench/load-deployments.ts).
// Reports requests per second, p50/p99 latency, non-2xx answers, errors and
// each server's RSS; fails on any error, unbounded memory, or an
// acknowledged PATCH without exactly one audit entry.
// Writes bench/load-results.json (soak: bench/soak-results.json; with
// --replicas: bench/load-replicas-results.json, soak-replicas-results.json).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { format } from 'prettier';
import { z } from 'zod';
import { envInt, parseEnv } from '#contract/env.ts';
import {
  killChildren,
  rssMiB,
  startReplicas,
  startSingleServer,
  type Check,
  type Deployment,
  type Watched,
} from './load-deployments.ts';

// Only the part of autocannon's API used here (it ships no types).
type AutocannonRequest = {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  onResponse?: (
    status: number,
    body: string,
    context: unknown,
    headers: Record<string, string | string[]>,
  ) => void;
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

function parseArguments(args: string[]) {
  let soak = false;
  let replicas: number | undefined;
  for (let at = 0; at < args.length; at += 1) {
    const arg = args[at]!;
    if (arg === '--soak') {
      soak = true;
    } else if (arg === '--replicas' || arg.startsWith('--replicas=')) {
      const text =
        arg === '--replicas' ? args[++at] : arg.slice('--replicas='.length);
      const count = Number(text);
      if (!Number.isInteger(count) || count < 1 || count > 8) {
        console.error('load: --replicas takes a number of servers, 1 to 8');
        process.exit(2);
      }
      replicas = count;
    } else {
      // `npm run load --replicas 2` (no `--`) leaves a bare "2" here.
      console.error(
        `load: unknown argument ${JSON.stringify(arg)}; usage: npm run load [-- --replicas N] [--soak]`,
      );
      process.exit(2);
    }
  }
  return { soak, replicas };
}

const { soak: SOAK, replicas: REPLICAS } = parseArguments(
  process.argv.slice(2),
);
const RUN = SOAK ? 'soak' : 'load';

const settingsSchema = z.object({
  LOAD_DURATION_S: envInt(1, 86_400).default(SOAK ? 600 : 30),
  LOAD_CONNECTIONS: envInt(1, 10_000).default(SOAK ? 50 : 200),
  // Growth of each server's RSS over its idle baseline that still passes.
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
    .default(
      join('bench', `${RUN}${REPLICAS ? '-replicas' : ''}-results.json`),
    ),
});

const parsedSettings = parseEnv(settingsSchema, process.env);
if (!parsedSettings.ok) {
  console.error(`load: bad settings:\n  ${parsedSettings.errors.join('\n  ')}`);
  process.exit(2);
}
const settings = parsedSettings.config;
const PHASE_NAMES = SOAK ? ['mixed'] : ['list', 'get', 'patch'];
// Replicas: Lifeguard's own per-client limit stays on, far above what the
// run sends, so every /api request also counts on the shared counter.
const REPLICA_API_RATE_LIMIT = 1_000_000;
// The run may never outlive this, whatever hangs (PostgreSQL may first be
// installed with apt).
const DEADLINE_MS =
  PHASE_NAMES.length * (settings.LOAD_DURATION_S + 30) * 1000 +
  (REPLICAS ? 360_000 : 120_000);

type RssSample = { atS: number; phase: string; mib: Record<string, number> };
type ProcessRss = { beforeMiB: number; peakMiB: number; afterMiB: number };
type Phase = {
  name: string;
  connections: number;
  durationS: number;
  requestsPerSecond: number;
  requests: number;
  sent: number;
  latencyMs: { p50: number; p99: number; max: number; average: number };
  status2xx: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  errors: number;
  timeouts: number;
  rss: Record<string, ProcessRss>;
};
/** The PATCHes autocannon sent and what came back. */
type PatchLedger = {
  /** X-Request-Id of each PATCH answered 2xx: the server's own request id. */
  acknowledged: Set<string>;
  /** 2xx answers without an X-Request-Id. */
  unidentified: number;
};

const tmp = mkdtempSync(join(tmpdir(), 'lifeguard-load-'));
let deployment: Deployment | undefined;

function removeTmp() {
  rmSync(tmp, { recursive: true, force: true });
}
// Whatever ends the run: children killed; the throwaway PostgreSQL stops
// by itself when this process ends (scripts/postgres.mjs).
process.once('exit', () => {
  killChildren();
  removeTmp();
});
async function abandon(why: string, code: number) {
  console.error(`load: ${why}; stopping everything`);
  killChildren();
  await Promise.race([deployment?.abandon(), sleep(20_000)]);
  removeTmp();
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void abandon(signal, 130));
}
setTimeout(
  () => void abandon(`still running after ${DEADLINE_MS / 1000} s`, 1),
  DEADLINE_MS,
).unref();

const listSchema = z.object({
  data: z.array(z.object({ id: z.string() })),
  metadata: z.object({ total_size: z.number().optional() }).optional(),
});

async function getJson(url: string) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
  return listSchema.parse(await response.json());
}

type Target = { providerId: string; poolId: string; pools: number };

/** The demo provider with the most pools, and its first pool. */
async function pickTarget(url: string): Promise<Target> {
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

function headerOf(
  headers: Record<string, string | string[]>,
  name: string,
): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) {
      return Array.isArray(value) ? value[0] : value;
    }
  }
  return undefined;
}

function requestsFor(
  phase: string,
  url: string,
  target: Target,
  ledger: PatchLedger,
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
      onResponse: (status, _body, _context, headers) => {
        if (status < 200 || status > 299) return;
        const id = headerOf(headers, 'x-request-id');
        if (id) ledger.acknowledged.add(id);
        else ledger.unidentified += 1;
      },
    },
  };
  const names = phase === 'mixed' ? ['list', 'get', 'patch'] : [phase];
  return names.map((name) => byName[name]!);
}

function sampleRss(watched: Watched[]): Record<string, number> {
  return Object.fromEntries(
    watched.map(({ name, pid }) => [name, rssMiB(pid)]),
  );
}

async function runPhase(
  name: string,
  url: string,
  target: Target,
  ledger: PatchLedger,
  watched: Watched[],
  samples: RssSample[],
  startedAt: number,
): Promise<Phase> {
  const before = sampleRss(watched);
  const peak = { ...before };
  const sample = () => {
    const mib = sampleRss(watched);
    for (const [process, value] of Object.entries(mib)) {
      peak[process] = Math.max(peak[process]!, value);
    }
    samples.push({ atS: (Date.now() - startedAt) / 1000, phase: name, mib });
    return mib;
  };
  const sampler = setInterval(sample, settings.LOAD_SAMPLE_S * 1000);
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
      requests: requestsFor(name, url, target, ledger),
    });
  } finally {
    clearInterval(sampler);
  }
  const after = sample();
  return {
    name,
    connections: settings.LOAD_CONNECTIONS,
    durationS: result.duration,
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    sent: result.requests.sent,
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
    rss: Object.fromEntries(
      watched.map(({ name: process }) => [
        process,
        {
          beforeMiB: before[process]!,
          peakMiB: peak[process]!,
          afterMiB: after[process]!,
        },
      ]),
    ),
  };
}

const auditLineSchema = z.object({
  id: z.number(),
  method: z.string(),
  action: z.string(),
  requestId: z.string(),
  outcome: z.string(),
  status: z.number(),
});

/**
 * The target pool's `update-pool` entries, read back through Lifeguard's
 * own API (the JSON Lines export, streamed: it may hold many thousands).
 */
async function patchEntries(url: string, target: Target) {
  const query = new URLSearchParams({
    provider_id: target.providerId,
    pool_id: target.poolId,
  });
  const response = await fetch(`${url}/api/lifeguard/audit/export?${query}`);
  if (!response.ok || !response.body) {
    throw new Error(`the audit export answered ${response.status}`);
  }
  const entries: z.infer<typeof auditLineSchema>[] = [];
  const decoder = new TextDecoder();
  let rest = '';
  const take = (line: string) => {
    if (!line) return;
    const entry = auditLineSchema.parse(JSON.parse(line));
    if (entry.method === 'PATCH' && entry.action === 'update-pool') {
      entries.push(entry);
    }
  };
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    rest += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = rest.indexOf('\n')) >= 0) {
      take(rest.slice(0, end));
      rest = rest.slice(end + 1);
    }
  }
  take(rest + decoder.decode());
  return entries;
}

/**
 * Every PATCH answered 2xx has exactly one audit entry, `applied`, under
 * the request id its answer carried. Entries without an answer can only be
 * PATCHes still in flight when a phase ended (autocannon drops those
 * answers), so there are at most as many as were sent and not answered.
 */
async function auditCheck(
  url: string,
  target: Target,
  ledger: PatchLedger,
  phases: Phase[],
) {
  const entries = await patchEntries(url, target);
  const perRequest = new Map<string, number>();
  for (const entry of entries) {
    perRequest.set(entry.requestId, (perRequest.get(entry.requestId) ?? 0) + 1);
  }
  let missing = 0;
  for (const id of ledger.acknowledged) {
    if (!perRequest.has(id)) missing += 1;
  }
  const duplicated = [...perRequest.values()].filter((n) => n > 1).length;
  const notApplied = entries.filter(
    (entry) => entry.outcome !== 'applied',
  ).length;
  const unanswered = [...perRequest.keys()].filter(
    (id) => !ledger.acknowledged.has(id),
  ).length;
  const inFlight = phases
    .filter((phase) => phase.name === 'patch' || phase.name === 'mixed')
    .reduce((sum, phase) => sum + Math.max(0, phase.sent - phase.requests), 0);
  const summary = {
    acknowledged: ledger.acknowledged.size,
    unidentified: ledger.unidentified,
    entries: entries.length,
    missing,
    duplicated,
    notApplied,
    unanswered,
    inFlightAtPhaseEnd: inFlight,
  };
  const check: Check = {
    name: 'audit log: one entry per acknowledged PATCH',
    ok:
      ledger.acknowledged.size > 0 &&
      ledger.unidentified === 0 &&
      missing === 0 &&
      duplicated === 0 &&
      notApplied === 0 &&
      unanswered <= inFlight,
    detail: `${ledger.acknowledged.size} PATCHes answered 2xx, ${entries.length} update-pool entries: ${missing} answered without an entry, ${duplicated} request ids with more than one, ${notApplied} not "applied", ${unanswered} of PATCHes whose answer the run did not wait for (at most ${inFlight} were in flight when a phase ended)${ledger.unidentified ? `; ${ledger.unidentified} answers without X-Request-Id` : ''}`,
  };
  return { summary, check };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Soak: the median RSS of the last third against the first third, after a fifth of warm-up. */
function sustainedGrowth(samples: RssSample[], process: string): Check {
  const name = `no sustained memory growth: ${process}`;
  const steady = samples.slice(Math.floor(samples.length / 5));
  const third = Math.floor(steady.length / 3);
  if (third < 2) {
    return {
      name,
      ok: true,
      detail: `too few samples (${samples.length}) to judge; run longer`,
    };
  }
  const early = median(steady.slice(0, third).map((s) => s.mib[process]!));
  const late = median(steady.slice(-third).map((s) => s.mib[process]!));
  return {
    name,
    ok: late - early <= settings.LOAD_SOAK_GROWTH_MIB,
    detail: `median RSS ${early.toFixed(0)} MiB early, ${late.toFixed(0)} MiB late (allowed rise ${settings.LOAD_SOAK_GROWTH_MIB} MiB)`,
  };
}

/** Log lines at error level or above (pino: 50+), and warnings. */
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

function pad(value: string | number, width: number): string {
  return String(value).padStart(width);
}

function phaseTable(phases: Phase[]): string {
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
    ].join(' '),
  );
  return [header, '-'.repeat(header.length), ...rows].join('\n');
}

function rssTable(
  watched: Watched[],
  phases: Phase[],
  baseline: Record<string, number>,
  end: Record<string, number>,
  peak: Record<string, number>,
): string {
  const width = Math.max(7, ...watched.map(({ name }) => name.length));
  const header = [
    'RSS MiB'.padEnd(width),
    pad('idle', 6),
    ...phases.map((p) => pad(p.name, 7)),
    pad('peak', 6),
    pad('end', 6),
  ].join(' ');
  const rows = watched.map(({ name }) =>
    [
      name.padEnd(width),
      pad(baseline[name]!.toFixed(0), 6),
      ...phases.map((p) => pad(p.rss[name]!.afterMiB.toFixed(0), 7)),
      pad(peak[name]!.toFixed(0), 6),
      pad(end[name]!.toFixed(0), 6),
    ].join(' '),
  );
  return [
    header,
    '-'.repeat(header.length),
    ...rows,
    '(idle: before the first phase; phases: right after each; end: after 5 s idle)',
  ].join('\n');
}

async function main(): Promise<boolean> {
  const startedAt = Date.now();
  console.log(
    `Lifeguard ${RUN} run${REPLICAS ? ` on ${REPLICAS} replicas (PostgreSQL, round-robin balancer)` : ''}: ${PHASE_NAMES.join(', ')}; ${settings.LOAD_CONNECTIONS} connections, ${settings.LOAD_DURATION_S} s each, on loopback`,
  );
  deployment = REPLICAS
    ? await startReplicas({
        tmp,
        logLevel: settings.LOAD_LOG_LEVEL,
        replicas: REPLICAS,
        apiRateLimit: REPLICA_API_RATE_LIMIT,
        log: (message) => console.log(message),
      })
    : await startSingleServer({ tmp, logLevel: settings.LOAD_LOG_LEVEL });
  const { url, watched } = deployment;
  for (const line of deployment.describe) console.log(line);
  const target = await pickTarget(url);
  console.log(
    `target: provider ${target.providerId} (${target.pools} pools), pool ${target.poolId}`,
  );

  const samples: RssSample[] = [];
  const baseline = sampleRss(watched);
  samples.push({ atS: 0, phase: 'before', mib: baseline });
  const ledger: PatchLedger = { acknowledged: new Set(), unidentified: 0 };
  const phases: Phase[] = [];
  for (const name of PHASE_NAMES) {
    const phase = await runPhase(
      name,
      url,
      target,
      ledger,
      watched,
      samples,
      startedAt,
    );
    phases.push(phase);
    const rss = Object.entries(phase.rss)
      .map(
        ([process, { afterMiB, peakMiB }]) =>
          `${watched.length > 1 ? `${process} ` : ''}${afterMiB.toFixed(0)} MiB (peak ${peakMiB.toFixed(0)})`,
      )
      .join(', ');
    console.log(
      `  ${phase.requestsPerSecond.toFixed(0)} req/s, p50 ${phase.latencyMs.p50} ms, p99 ${phase.latencyMs.p99} ms, non-2xx ${phase.non2xx}, errors ${phase.errors}, RSS ${rss}`,
    );
  }
  await sleep(5_000);
  const end = sampleRss(watched);
  samples.push({
    atS: (Date.now() - startedAt) / 1000,
    phase: 'end',
    mib: end,
  });
  const audit = await auditCheck(url, target, ledger, phases);
  const details = await deployment.details();

  const shutdown = await deployment.stop();
  const logs = deployment.logs().map(({ name, text }) => ({
    name,
    ...logLevels(text),
  }));
  removeTmp();

  const peak = Object.fromEntries(
    watched.map(({ name }) => [
      name,
      Math.max(...samples.map((s) => s.mib[name]!)),
    ]),
  );
  const logErrors = logs.flatMap(({ name, errors }) =>
    errors.map((line) => `${name}: ${line}`),
  );
  const warnings = logs.reduce((sum, log) => sum + log.warnings, 0);
  const checks: Check[] = [
    ...phases.map((p) => ({
      name: `${p.name}: every answer 2xx, no errors`,
      ok:
        p.non2xx === 0 && p.errors === 0 && p.timeouts === 0 && p.requests > 0,
      detail: `${p.requests} requests, ${p.non2xx} non-2xx (${JSON.stringify(p.statusCodes)}), ${p.errors} errors, ${p.timeouts} timeouts`,
    })),
    ...watched.map(({ name }) => ({
      name: `bounded memory: ${name}`,
      ok: peak[name]! - baseline[name]! <= settings.LOAD_RSS_BOUND_MIB,
      detail: `peak RSS ${peak[name]!.toFixed(0)} MiB, ${(peak[name]! - baseline[name]!).toFixed(0)} MiB above the ${baseline[name]!.toFixed(0)} MiB baseline (allowed ${settings.LOAD_RSS_BOUND_MIB})`,
    })),
    ...(SOAK
      ? watched.map(({ name }) =>
          sustainedGrowth(
            samples.filter((s) => s.phase === 'mixed'),
            name,
          ),
        )
      : []),
    audit.check,
    ...(REPLICAS
      ? [
          {
            name: 'round robin: every replica served',
            ok: (details.replicas as { served: number }[]).every(
              (replica) => replica.served > 0,
            ),
            detail: (details.replicas as { name: string; served: number }[])
              .map((replica) => `${replica.name} ${replica.served}`)
              .join(', '),
          },
        ]
      : []),
    {
      name: 'no error in the servers’ logs',
      ok: logErrors.length === 0,
      detail: `${logErrors.length} error lines, ${warnings} warnings${logErrors[0] ? `; first: ${logErrors[0]}` : ''}`,
    },
    ...shutdown,
    {
      name: 'temporary files removed',
      ok: !existsSync(tmp),
      detail: existsSync(tmp) ? `${tmp} is still there` : `${tmp} removed`,
    },
  ];
  const passed = checks.every((check) => check.ok);

  console.log(`\n${phaseTable(phases)}\n`);
  console.log(`${rssTable(watched, phases, baseline, end, peak)}\n`);
  for (const check of checks) {
    console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  }
  const file = resolve(ROOT, settings.LOAD_RESULTS);
  // Formatted as `npm run format` would, so the file can be committed.
  const summary = await format(
    JSON.stringify({
      run: RUN,
      replicas: REPLICAS ?? null,
      startedAt: new Date(startedAt).toISOString(),
      machine: {
        cpu: `${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}`,
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      settings,
      deployment: details,
      target,
      phases,
      rss: { baselineMiB: baseline, peakMiB: peak, endMiB: end, samples },
      audit: audit.summary,
      logs: {
        warnings,
        errors: logErrors.slice(0, 20),
      },
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
  for (const { name, text } of deployment?.logs() ?? []) {
    if (text) console.error(`${name} log (end):\n${text.slice(-2000)}`);
  }
} finally {
  killChildren();
  await Promise.race([deployment?.abandon(), sleep(20_000)]);
  removeTmp();
}
process.exit(passed ? 0 : 1);
