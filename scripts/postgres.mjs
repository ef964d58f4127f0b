// A throwaway PostgreSQL server for the tests (docs/toolchain.md): the
// store's suite runs against the real thing, never a mock, and CI (a fresh
// clone on Debian, as root) has no server of its own. Plain Node like
// ensure-chromium.mjs, so it also runs outside Vitest:
//   node scripts/postgres.mjs   # prints a URL, stops on Ctrl-C
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const LIB = '/usr/lib/postgresql';
const BINARIES = ['initdb', 'pg_ctl', 'postgres'];
const INSTALL =
  'apt-get update && apt-get install -y --no-install-recommends postgresql';
const DATABASE = 'lifeguard_test';
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * Starts a private PostgreSQL on 127.0.0.1 and a free port, with a database
 * `lifeguard_test`. `stop()` shuts it down and removes its files; so does
 * the end of this process, however it ends.
 *
 * @param {{ log?: (message: string) => void }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void> }>}
 */
export async function startThrowawayPostgres({ log = () => {} } = {}) {
  const bin = findBinaries() ?? install(log);
  const owner = serverUser();
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-postgres-'));
  try {
    if (owner) chownSync(dir, owner.uid, owner.gid);
    await initdb(bin, dir, owner);
    const port = await freePort();
    const server = launch(bin, dir, owner, port);
    try {
      await waitUntilReady(server, port, dir);
      await createDatabase(port);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${DATABASE}`,
      stop: server.stop,
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The bin directory of the newest installed server, or undefined. */
function findBinaries() {
  if (!existsSync(LIB)) return undefined;
  // postgresql-client-N also creates /usr/lib/postgresql/N/bin (psql,
  // pg_dump…), so a version counts only when it has the server's binaries.
  const versions = readdirSync(LIB)
    .filter((version) =>
      BINARIES.every((name) => existsSync(join(LIB, version, 'bin', name))),
    )
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(LIB, versions[0], 'bin');
}

/** Installs Debian's package as ensure-chromium.mjs installs Chromium. */
function install(log) {
  if (process.getuid?.() !== 0) {
    throw new Error(
      `No PostgreSQL server under ${LIB}/<version>/bin. Install Debian's package, then run the tests again:\n` +
        `  sudo sh -c '${INSTALL}'\n` +
        'or point TEST_DATABASE_URL at a server where you may create databases.',
    );
  }
  log(`No PostgreSQL server under ${LIB}; installing Debian's postgresql…`);
  const result = spawnSync('sh', ['-c', INSTALL], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  const bin = findBinaries();
  if (result.status !== 0 || !bin) {
    throw new Error(
      `Installing PostgreSQL failed. Run this yourself and retry:\n  ${INSTALL}`,
    );
  }
  quietDefaultCluster(bin, log);
  return bin;
}

/**
 * A first install creates cluster <version>/main and, where services may
 * start (systemd, no policy-rc.d refusing), starts it on port 5432. The
 * tests never use it, and a server nobody asked for must not stay up: stop
 * it and mark it manual so that boot does not start it again. Its files
 * stay; `pg_dropcluster` is for whoever wants them gone.
 */
function quietDefaultCluster(bin, log) {
  const version = bin.split('/').at(-2);
  const cluster = `/etc/postgresql/${version}/main`;
  if (!existsSync(join(cluster, 'postgresql.conf'))) return;
  writeFileSync(
    join(cluster, 'start.conf'),
    "# Set to manual by Lifeguard's scripts/postgres.mjs after it installed\n" +
      '# PostgreSQL for its tests; "auto" starts it at boot again.\n' +
      'manual\n',
  );
  // Exits non-zero when the cluster is not running: fine either way.
  spawnSync('pg_ctlcluster', [version, 'main', 'stop'], { stdio: 'ignore' });
  const status = spawnSync('pg_ctlcluster', [version, 'main', 'status'], {
    stdio: 'ignore',
  });
  if (status.status === 0) {
    log(
      `The package's cluster ${version}/main is still running; stop it with: pg_ctlcluster ${version} main stop`,
    );
  } else {
    log(
      `Cluster ${version}/main, created by the package, is stopped (manual).`,
    );
  }
}

/**
 * PostgreSQL refuses to run as root. As root the server runs as the
 * `postgres` user the package creates; otherwise as the current user
 * (undefined). Node's spawn sets the uid and gid itself, which does what
 * `runuser -u postgres --` does without a watching parent between us and
 * the server: runuser answers SIGTERM with SIGKILL to its child, which
 * would kill the watchdog below and leave the server running.
 */
function serverUser() {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const id = (flag) =>
      Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error(
      'PostgreSQL refuses to run as root, and there is no `postgres` user to run it as. ' +
        `Install Debian's package (${INSTALL}), which creates it.`,
    );
  }
}

/** Options for a child running as the server's user, with no PG* settings. */
function asOwner(owner, dir) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PG')),
  );
  return { cwd: dir, env, ...(owner ?? {}) };
}

async function initdb(bin, dir, owner) {
  // Trust is safe here: TCP only on 127.0.0.1, and the socket lives in a
  // directory only the server's user can enter. No locale (C) keeps
  // ordering deterministic and, like SQLite, case-folds ASCII only.
  // --no-sync: a crash loses a throwaway cluster, nothing else.
  const args = [
    ...['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres'],
    ...['-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions'],
  ];
  const result = await new Promise((resolve) => {
    const child = spawn(join(bin, 'initdb'), args, {
      ...asOwner(owner, dir),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ code: -1, output: error.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
  if (result.code !== 0) {
    throw new Error(`initdb failed (${result.code}):\n${result.output}`);
  }
}

/** A port the kernel just called free (the server binds it right after). */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// The server runs under a small shell watchdog that holds our end of a
// pipe on its stdin. Whatever ends this process (stop(), a crash, SIGKILL,
// a closed terminal), the pipe closes, the watchdog reads end-of-file, asks
// the server for a fast shutdown (SIGINT, what `pg_ctl stop -m fast` sends)
// and removes the directory. It ignores INT, HUP and TERM so that a signal
// to the whole process group cannot take it away before it has cleaned up;
// the server handles those signals itself. It reports on stdout when the
// server has started and when it has exited, with its status.
const WATCHDOG = `
dir=$1; shift
exec 2>>"$dir/postgres.log" 3<&0
trap '' INT HUP TERM PIPE
"$@" </dev/null >>"$dir/postgres.log" 2>&1 3<&- &
pid=$!
echo "started $pid"
{ read -r _ <&3; kill -INT "$pid" 2>/dev/null; } &
reader=$!
wait "$pid"
status=$?
kill -KILL "$reader" 2>/dev/null
echo "exited $status"
read -r _ <&3
rm -rf "$dir"
`;

function launch(bin, dir, owner, port) {
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    // Durability is worth nothing in a server that lives for one test run.
    fsync: 'off',
    synchronous_commit: 'off',
    full_page_writes: 'off',
  };
  const args = [
    ...['-D', join(dir, 'data'), '-p', String(port)],
    ...Object.entries(settings).flatMap(([name, value]) => [
      '-c',
      `${name}=${value}`,
    ]),
  ];
  const child = spawn(
    'sh',
    ['-c', WATCHDOG, 'lifeguard-postgres', dir, join(bin, 'postgres'), ...args],
    { ...asOwner(owner, dir), stdio: ['pipe', 'pipe', 'ignore'] },
  );
  // Never keep this process alive for the server's sake: if stop() is
  // forgotten, exiting still shuts the server down (through the pipe).
  child.unref();
  child.stdin.unref?.();
  child.stdout.unref?.();

  const server = { pid: undefined, exited: undefined, gone: false };
  const changed = new Set();
  const notify = () => changed.forEach((listener) => listener());
  let lines = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk) => {
    lines += chunk;
    for (
      let end;
      (end = lines.indexOf('\n')) >= 0;
      lines = lines.slice(end + 1)
    ) {
      const [word, value] = lines.slice(0, end).split(' ');
      if (word === 'started') server.pid = Number(value);
      if (word === 'exited') server.exited = Number(value);
    }
    notify();
  });
  child.on('error', (error) => {
    server.exited = -1;
    server.error = error;
    server.gone = true;
    notify();
  });
  child.on('exit', () => {
    server.gone = true;
    server.exited ??= -1;
    notify();
  });

  /** Resolves when `done()` holds, or false after `ms`. */
  const until = (done, ms) =>
    new Promise((resolve) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        changed.delete(check);
        resolve(true);
      };
      const timer = setTimeout(() => {
        changed.delete(check);
        resolve(false);
      }, ms);
      changed.add(check);
      check();
    });

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      child.stdin.end();
      if (await until(() => server.gone, STOP_TIMEOUT_MS)) return;
      // A fast shutdown that hangs: immediate shutdown, then give up on it.
      if (server.pid && server.exited === undefined) {
        try {
          process.kill(server.pid, 'SIGQUIT');
        } catch {
          // already gone
        }
      }
      await until(() => server.gone, 5_000);
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    })());

  return { state: server, until, stop };
}

async function waitUntilReady(server, port, dir) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last;
  while (Date.now() < deadline) {
    if (server.state.exited !== undefined) break;
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      database: 'postgres',
      connectionTimeoutMillis: 2_000,
    });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      last = error;
    } finally {
      await client.end().catch(() => {});
    }
    await server.until(() => server.state.exited !== undefined, 50);
  }
  const why =
    server.state.exited !== undefined
      ? `the server exited (${server.state.error?.message ?? `status ${server.state.exited}`})`
      : `no connection within ${START_TIMEOUT_MS / 1000} s (${last?.message})`;
  throw new Error(
    `PostgreSQL did not come up on 127.0.0.1:${port}: ${why}. Its log ends:\n${logTail(dir)}`,
  );
}

function logTail(dir) {
  try {
    return readFileSync(join(dir, 'postgres.log'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(-20)
      .join('\n');
  } catch {
    return '(no log)';
  }
}

async function createDatabase(port) {
  const client = new pg.Client({
    host: '127.0.0.1',
    port,
    user: 'postgres',
    database: 'postgres',
  });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

function isMain() {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return (
      realpathSync(script) === realpathSync(fileURLToPath(import.meta.url))
    );
  } catch {
    return false;
  }
}

if (isMain()) {
  const started = Date.now();
  const server = await startThrowawayPostgres({
    log: (message) => console.error(message),
  });
  console.error(
    `PostgreSQL up in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops it and removes its files.`,
  );
  console.log(server.url);
  // Signal handlers alone do not keep Node running.
  const alive = setInterval(() => {}, 1 << 30);
  const shutdown = async () => {
    clearInterval(alive);
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
