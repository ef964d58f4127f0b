import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import httpProxy from 'http-proxy';

/** One Lifeguard server started as `npm start` runs it, on a free loopback port. */
export type Replica = {
  url: string;
  child: ChildProcess;
  /** Everything it printed, for asserting on its log. */
  output: () => string;
  /** SIGTERM, then waits for it to exit. */
  stop: () => Promise<void>;
};

const MAIN = ['--import', 'tsx', 'src/server/main.ts'];

/**
 * Starts `src/server/main.ts` with only the given settings (the
 * developer's own CONFLUENT_* must not leak in) and waits until it serves.
 */
export async function startReplica(
  env: Record<string, string>,
): Promise<Replica> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lifeguard-replica-'));
  const child = spawn(process.execPath, MAIN, {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      DIST_DIR: '/nonexistent',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`a replica did not start in 30 s:\n${output}`));
    }, 30_000);
    const poll = setInterval(() => {
      const match = /serving the console on (http:\/\/127\.0\.0\.1:\d+)/.exec(
        output,
      );
      if (match) {
        clearInterval(poll);
        clearTimeout(deadline);
        resolve(match[1]!);
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(poll);
      clearTimeout(deadline);
      reject(new Error(`a replica exited (${code}):\n${output}`));
    });
  });
  return {
    url,
    child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A round-robin load balancer on loopback in front of some replicas. */
export type Balancer = {
  url: string;
  /** Which replica answered each request, in order. */
  served: string[];
  close: () => Promise<void>;
};

/**
 * Sends each request to the next replica in turn, as a load balancer
 * without sticky sessions does; a replica that refuses connections is
 * skipped from then on (a health check would find it down).
 */
export async function startBalancer(targets: string[]): Promise<Balancer> {
  const proxy = httpProxy.createProxyServer({ xfwd: false });
  const down = new Set<string>();
  const served: string[] = [];
  let next = 0;
  const pick = () => {
    for (let tried = 0; tried < targets.length; tried += 1) {
      const target = targets[next++ % targets.length]!;
      if (!down.has(target)) return target;
    }
    return undefined;
  };
  const server: Server = createServer((request, response) => {
    const target = pick();
    if (!target) {
      response.writeHead(503).end('no replica');
      return;
    }
    served.push(target);
    proxy.web(request, response, { target }, (error) => {
      if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
        down.add(target);
      }
      if (!response.headersSent) response.writeHead(502);
      response.end('replica unreachable');
    });
  });
  await new Promise<void>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        proxy.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
