import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Running = { url: string; pid: number; stop: () => Promise<void> };

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function stopper(child: ChildProcess, cleanup?: () => void) {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        cleanup?.();
        resolve();
        return;
      }
      // Not unref'd: the bench must not exit and leave the child running
      // while it shuts down slowly.
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
      child.once('exit', () => {
        clearTimeout(kill);
        cleanup?.();
        resolve();
      });
      child.kill('SIGTERM');
    });
}

/** A TypeScript program that prints `PORT n` once it listens. */
export async function startPrinter(
  script: string,
  env: Record<string, string> = {},
): Promise<Running> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /PORT (\d+)/.exec(text);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code})`)),
    );
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: stopper(child),
  };
}

async function waitForHealth(url: string, child: ChildProcess, what: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited`);
    const ok = await fetch(url).then(
      (response) => response.status < 500,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not start`);
}

/** Lifeguard's server as `npm start` runs it, in front of `endpoint` (or its embedded emulator). */
export async function startLifeguard(
  env: Record<string, string>,
): Promise<Running> {
  const port = await freePort();
  // Its own emulator port too, so a running `npm start` never collides.
  const emulatorPort = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'lifeguard-bench-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/main.ts'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        API_RATE_LIMIT: '0',
        EMULATOR_PORT: String(emulatorPort),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(`${url}/healthz`, child, 'Lifeguard');
  return {
    url,
    pid: child.pid!,
    stop: stopper(child, () =>
      rmSync(dataDir, { recursive: true, force: true }),
    ),
  };
}

/**
 * Debian's nginx as the reverse-proxy peer, installed on demand with apt
 * (as root) and configured like Lifeguard's forwarding: one worker,
 * keep-alive upstream, the same Authorization header added.
 */
export async function startNginx(
  upstream: string,
  authorization: string,
): Promise<Running> {
  if (spawnSync('nginx', ['-v']).error) {
    const install = spawnSync(
      'apt-get',
      ['install', '-y', '-q', 'nginx-light'],
      {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        stdio: 'ignore',
      },
    );
    if (install.status !== 0 || spawnSync('nginx', ['-v']).error) {
      throw new Error(
        'nginx is not installed and could not be installed (run: sudo apt-get install nginx-light)',
      );
    }
    // Debian starts the packaged service; the benchmark runs its own.
    spawnSync('nginx', ['-s', 'stop'], { stdio: 'ignore' });
  }
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'lifeguard-bench-nginx-'));
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream api { server ${new URL(upstream).host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location /api/ {
      proxy_pass http://api/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Authorization "${authorization}";
    }
  }
}
`,
  );
  const child = spawn(
    'nginx',
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(`${url}/api/health-probe`, child, 'nginx');
  return {
    url,
    pid: child.pid!,
    stop: stopper(child, () =>
      rmSync(prefix, { recursive: true, force: true }),
    ),
  };
}
