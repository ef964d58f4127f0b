// What `npm run load` runs against: one server with its embedded emulator
// (SQLite), or several replicas on one throwaway PostgreSQL behind a
// round-robin balancer, with one standalone emulator as their upstream.
// Every process started here is stopped whatever happens: gracefully by
// `stop()`, killed by `abandon()` or by the end of this process.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../scripts/postgres.mjs';

const ROOT = resolve(import.meta.dirname ?? '.', '..');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
// The emulator's credential, given to the replicas as Confluent's.
const EMULATOR_KEY = 'LIFEGUARDLOADKEY';
const EMULATOR_SECRET = 'lifeguard-load-secret';

export type Check = { name: string; ok: boolean; detail: string };

/** A process whose memory the run bounds. */
export type Watched = { name: string; pid: number };

export type Deployment = {
  /** Where the load goes: the server, or the balancer. */
  url: string;
  /** One line per process, for the console. */
  describe: string[];
  watched: Watched[];
  /** Per process, what it has logged so far. */
  logs: () => { name: string; text: string }[];
  /** Anything worth keeping in the results (the balancer's counts). */
  details: () => Promise<Record<string, unknown>>;
  /** Stops everything gracefully; one check per kind of process. */
  stop: () => Promise<Check[]>;
  /** Kills whatever still runs; safe to call at any time, twice. */
  abandon: () => Promise<void>;
};

type Child = {
  name: string;
  child: ChildProcess;
  log: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
};

const children: Child[] = [];

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Synchronously; for the end of the process, whatever ends it. */
export function killChildren(): void {
  for (const { child } of children) {
    if (running(child)) child.kill('SIGKILL');
  }
}

/** The process's resident memory in MiB, from /proc (or ps elsewhere). */
export function rssMiB(pid: number): number {
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

/** A TypeScript program of this repository with only `env` set, its output in `logFile`. */
function startChild(
  name: string,
  script: string,
  env: Record<string, string>,
  logFile: string,
): Child {
  mkdirSync(dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    // Only what the run sets: a developer's CONFLUENT_* or DATABASE_URL
    // must not leak in.
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? dirname(logFile),
      ...env,
    },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: string | null }>(
    (done) => child.once('exit', (code, signal) => done({ code, signal })),
  );
  const started: Child = {
    name,
    child,
    exited,
    log: () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
  children.push(started);
  return started;
}

/** Waits until the child's log matches every pattern; returns the matches. */
async function waitForLog(
  started: Child,
  patterns: RegExp[],
): Promise<RegExpExecArray[]> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const text = started.log();
    const matches = patterns.map((pattern) => pattern.exec(text));
    if (matches.every((match) => match !== null)) {
      return matches as RegExpExecArray[];
    }
    if (!running(started.child)) break;
    await sleep(100);
  }
  throw new Error(
    `${started.name} did not start:\n${started.log().slice(-4000)}`,
  );
}

/** SIGTERM, then SIGKILL after STOP_TIMEOUT_MS; how it ended. */
async function stopChild(started: Child): Promise<Check> {
  const begun = Date.now();
  if (running(started.child)) started.child.kill('SIGTERM');
  const ended = await Promise.race([
    started.exited,
    sleep(STOP_TIMEOUT_MS).then(() => undefined),
  ]);
  if (!ended) started.child.kill('SIGKILL');
  const ms = Date.now() - begun;
  return {
    name: `clean shutdown: ${started.name}`,
    ok: ended?.code === 0,
    detail: ended
      ? `SIGTERM: exit ${ended.code ?? ended.signal} after ${ms} ms`
      : `still running ${ms} ms after SIGTERM; killed`,
  };
}

async function killChild(started: Child): Promise<void> {
  if (running(started.child)) started.child.kill('SIGKILL');
  await started.exited;
}

/** `npm start` with its embedded emulator, Lifeguard's store in SQLite. */
export async function startSingleServer(options: {
  tmp: string;
  logLevel: string;
}): Promise<Deployment> {
  const { tmp } = options;
  const server = startChild(
    'server',
    join('src', 'server', 'main.ts'),
    {
      HOST: '127.0.0.1',
      PORT: '0',
      EMULATOR_HOST: '127.0.0.1',
      EMULATOR_PORT: '0',
      DATA_DIR: join(tmp, 'data'),
      DIST_DIR: join(tmp, 'no-dist'),
      LOG_LEVEL: options.logLevel,
      API_RATE_LIMIT: '0',
      EMULATOR_RATE_LIMIT: '1000000',
      EMULATOR_SEED: 'demo',
    },
    join(tmp, 'server.log'),
  );
  const [url, emulator] = await waitForLog(server, [
    /serving the console on (http:\/\/127\.0\.0\.1:\d+)/,
    /embedded Confluent IAM emulator at (http:\/\/\S+?)\.?\n/,
  ]);
  return {
    url: url![1]!,
    describe: [
      `server ${url![1]} (pid ${server.child.pid}), embedded emulator ${emulator![1]}, store: SQLite in a throwaway DATA_DIR`,
    ],
    watched: [{ name: 'server', pid: server.child.pid! }],
    logs: () => [{ name: 'server', text: server.log() }],
    details: async () => ({ store: 'sqlite' }),
    stop: async () => [await stopChild(server)],
    abandon: () => killChild(server),
  };
}

/** Whether anything still accepts connections at `url`. */
async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 2_000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The throwaway server's data directory (its parent is what stop() removes). */
async function dataDirectory(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ data_directory: string }>(
      'SHOW data_directory',
    );
    return result.rows[0]!.data_directory;
  } finally {
    await client.end();
  }
}

/**
 * `replicas` Lifeguard servers as `npm start` runs them, all with
 * DATABASE_URL on one throwaway PostgreSQL and one standalone emulator as
 * their Confluent endpoint (README, "Running several replicas"), behind a
 * round-robin balancer (bench/balancer.ts).
 */
export async function startReplicas(options: {
  tmp: string;
  logLevel: string;
  replicas: number;
  apiRateLimit: number;
  log: (message: string) => void;
}): Promise<Deployment> {
  const { tmp } = options;
  let postgres: ThrowawayPostgres | undefined;
  let postgresDir: string | undefined;
  const started: Child[] = [];
  const abandon = async () => {
    await Promise.all(started.map(killChild));
    await postgres?.stop();
  };
  try {
    const began = Date.now();
    postgres = await startThrowawayPostgres({ log: options.log });
    postgresDir = dirname(await dataDirectory(postgres.url));
    options.log(
      `PostgreSQL up in ${((Date.now() - began) / 1000).toFixed(1)} s: ${postgres.url}`,
    );

    const emulator = startChild(
      'emulator',
      join('src', 'emulator', 'main.ts'),
      {
        EMULATOR_HOST: '127.0.0.1',
        EMULATOR_PORT: '0',
        DATA_DIR: join(tmp, 'emulator'),
        EMULATOR_API_KEY: EMULATOR_KEY,
        EMULATOR_API_SECRET: EMULATOR_SECRET,
        EMULATOR_RATE_LIMIT: '1000000',
        EMULATOR_SEED: 'demo',
      },
      join(tmp, 'emulator.log'),
    );
    started.push(emulator);
    const [emulatorMatch] = await waitForLog(emulator, [
      /emulator listening on (http:\/\/127\.0\.0\.1:\d+)/,
    ]);
    const emulatorUrl = emulatorMatch![1]!;

    // Started together, so they also migrate one empty database at once.
    const replicas = Array.from({ length: options.replicas }, (_, index) => {
      const name = `replica-${index + 1}`;
      const replica = startChild(
        name,
        join('src', 'server', 'main.ts'),
        {
          HOST: '127.0.0.1',
          PORT: '0',
          DATA_DIR: join(tmp, name),
          DIST_DIR: join(tmp, 'no-dist'),
          LOG_LEVEL: options.logLevel,
          DATABASE_URL: postgres!.url,
          CONFLUENT_CLOUD_ENDPOINT: emulatorUrl,
          CONFLUENT_CLOUD_API_KEY: EMULATOR_KEY,
          CONFLUENT_CLOUD_API_SECRET: EMULATOR_SECRET,
          API_RATE_LIMIT: String(options.apiRateLimit),
        },
        join(tmp, `${name}.log`),
      );
      started.push(replica);
      return replica;
    });
    const urls = await Promise.all(
      replicas.map(async (replica) => {
        const [match] = await waitForLog(replica, [
          /serving the console on (http:\/\/127\.0\.0\.1:\d+)/,
        ]);
        return match![1]!;
      }),
    );

    const balancer = startChild(
      'balancer',
      join('bench', 'balancer.ts'),
      { TARGETS: urls.join(',') },
      join(tmp, 'balancer.log'),
    );
    started.push(balancer);
    const [port] = await waitForLog(balancer, [/^PORT (\d+)$/m]);
    const url = `http://127.0.0.1:${port![1]}`;

    const pgUrl = postgres.url;
    const pgDir = postgresDir;
    return {
      url,
      describe: [
        `balancer ${url} (round robin, pid ${balancer.child.pid})`,
        ...replicas.map(
          (replica, index) =>
            `${replica.name} ${urls[index]} (pid ${replica.child.pid})`,
        ),
        `emulator ${emulatorUrl} (pid ${emulator.child.pid})`,
        `store: PostgreSQL ${pgUrl} (API_RATE_LIMIT ${options.apiRateLimit}: every /api request counts on the shared counter)`,
      ],
      watched: replicas.map((replica) => ({
        name: replica.name,
        pid: replica.child.pid!,
      })),
      logs: () =>
        [...replicas, emulator].map((each) => ({
          name: each.name,
          text: each.log(),
        })),
      details: async () => {
        const response = await fetch(`${url}/_balancer`);
        const counts = (await response.json()) as {
          served: Record<string, number>;
          failed: number;
        };
        return {
          store: 'postgres',
          replicas: replicas.map((replica, index) => ({
            name: replica.name,
            url: urls[index],
            served: counts.served[urls[index]!] ?? 0,
          })),
          balancerFailed: counts.failed,
        };
      },
      stop: async () => {
        const checks = [await stopChild(balancer)];
        checks.push(...(await Promise.all(replicas.map(stopChild))));
        checks.push(await stopChild(emulator));
        const begun = Date.now();
        await postgres!.stop();
        const answers = await postgresAnswers(pgUrl);
        checks.push({
          name: 'clean shutdown: PostgreSQL',
          ok: !answers && !existsSync(pgDir),
          detail: `stopped in ${Date.now() - begun} ms; ${answers ? 'still answers' : 'refuses connections'}; ${existsSync(pgDir) ? `${pgDir} still there` : 'its files removed'}`,
        });
        return checks;
      },
      abandon,
    };
  } catch (error) {
    await abandon();
    throw error;
  }
}
