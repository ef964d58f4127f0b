import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EMULATOR_URL } from './fixtures.ts';

export type LifeguardProcess = {
  url: string;
  /** What the server printed, for asserting on its log. */
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * Another Lifeguard server, as `npm start` runs it, with its own sign-in
 * settings, in front of the e2e run's emulator (the main server's embedded
 * one, reached as an external upstream).
 */
export async function startLifeguard(
  port: number,
  env: Record<string, string>,
): Promise<LifeguardProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lifeguard-e2e-auth-'));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/main.ts'],
    {
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
        CONFLUENT_CLOUD_ENDPOINT: EMULATOR_URL,
        CONFLUENT_CLOUD_API_KEY: 'LIFEGUARDDEMOKEY',
        CONFLUENT_CLOUD_API_SECRET: 'lifeguard-demo-secret',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => resolve()),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`Lifeguard on ${port} exited:\n${output}`);
    }
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Lifeguard on ${port} did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
