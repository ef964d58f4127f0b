import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, onTestFinished, test } from 'vitest';
import { json, providerIdByIssuer } from './test-fixture.ts';
import { basicAuth, startTestEmulator } from './test-server.ts';

const POOL = {
  display_name: 'durable',
  description: 'written before a crash',
  identity_claim: 'claims.sub',
  filter: 'claims.aud == "kafka"',
};

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-durability-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('data and page tokens survive a restart on the same data directory', async () => {
  const dataDir = tempDir();
  const first = await startTestEmulator({}, { dataDir, keepData: true });
  const okta = await providerIdByIssuer(first, 'okta.com');
  const base = `/iam/v2/identity-providers/${okta}/identity-pools`;
  const created = await json(await first.call('POST', base, { body: POOL }));
  const next = (await json(await first.call('GET', `${base}?page_size=3`)))
    .metadata as {
    next: string;
  };
  const nextPath = next.next.slice(first.url.length);
  const nextPage = await json(await first.call('GET', nextPath));
  await first.close();

  const second = await startTestEmulator({}, { dataDir, keepData: true });
  onTestFinished(() => second.close());
  expect(
    await json(await second.call('GET', `${base}/${created.id as string}`)),
  ).toEqual({
    ...created,
    metadata: {
      ...(created.metadata as object),
      self: (created.metadata as { self: string }).self.replace(
        first.url,
        second.url,
      ),
    },
  });
  const samePage = await json(await second.call('GET', nextPath));
  expect((samePage.data as { id: string }[]).map((p) => p.id)).toEqual(
    (nextPage.data as { id: string }[]).map((p) => p.id),
  );
});

function startProcess(
  dataDir: string,
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/emulator/main.ts'],
    {
      env: {
        ...process.env,
        DATA_DIR: dataDir,
        EMULATOR_PORT: '0',
        EMULATOR_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  onTestFinished(() => {
    child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) resolve({ child, url: match[1]! });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`emulator exited ${code}: ${output}`)),
    );
  });
}

test('every acknowledged write survives kill -9 in the middle of a stream of writes', async () => {
  const dataDir = tempDir();
  const auth = basicAuth('LIFEGUARDDEMOKEY', 'lifeguard-demo-secret');
  const headers = { authorization: auth, 'content-type': 'application/json' };
  const { child, url } = await startProcess(dataDir);
  const providers = (await (
    await fetch(`${url}/iam/v2/identity-providers`, { headers })
  ).json()) as { data: unknown };
  const okta = (providers.data as { id: string; issuer: string }[]).find((p) =>
    p.issuer.includes('okta.com'),
  )!.id;
  const base = `${url}/iam/v2/identity-providers/${okta}/identity-pools`;

  const acknowledged = new Map<string, string>();
  let killed = false;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  // Four writers in parallel; the process dies while requests are in flight.
  const writer = async (lane: number) => {
    for (let i = 0; !killed; i += 1) {
      const name = `durable-${lane}-${i}`;
      try {
        const response = await fetch(base, {
          method: 'POST',
          headers,
          body: JSON.stringify({ ...POOL, display_name: name }),
        });
        if (response.status === 201) {
          acknowledged.set(
            ((await response.json()) as { id: string }).id,
            name,
          );
        }
      } catch {
        return; // the connection died with the process
      }
      if (acknowledged.size >= 120 && !killed) {
        killed = true;
        child.kill('SIGKILL');
      }
    }
  };
  await Promise.all([0, 1, 2, 3].map(writer));
  await exited;
  expect(acknowledged.size).toBeGreaterThanOrEqual(120);

  const database = new Database(join(dataDir, 'emulator.sqlite'));
  expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
  database.close();

  const restarted = await startProcess(dataDir);
  for (const [id, name] of acknowledged) {
    const response = await fetch(
      `${restarted.url}/iam/v2/identity-providers/${okta}/identity-pools/${id}`,
      { headers },
    );
    expect(response.status, id).toBe(200);
    expect(
      ((await response.json()) as { display_name: string }).display_name,
    ).toBe(name);
  }
});

test('a database an older emulator wrote gets the directory and the demo bindings on start, its pools untouched', async () => {
  const dataDir = tempDir();
  const first = await startTestEmulator({}, { dataDir, keepData: true });
  const okta = await providerIdByIssuer(first, 'okta.com');
  const base = `/iam/v2/identity-providers/${okta}/identity-pools`;
  const created = await json(await first.call('POST', base, { body: POOL }));
  const poolsBefore = await json(
    await first.call('GET', `${base}?page_size=100`),
  );
  await first.close();
  // What a file from before the access tables looks like.
  const db = new Database(join(dataDir, 'emulator.sqlite'));
  db.exec(`DROP TABLE role_bindings; DROP TABLE clusters; DROP TABLE environments;
    DROP TABLE users; DROP TABLE organization; DELETE FROM meta WHERE key = 'access_seed';`);
  db.close();

  const second = await startTestEmulator({}, { dataDir, keepData: true });
  onTestFinished(() => second.close());
  const environments = await json(
    await second.call('GET', '/org/v2/environments'),
  );
  expect((environments.data as unknown[]).length).toBe(2);
  const org = `crn://confluent.cloud/organization=${second.config.orgId}`;
  const bindings = await json(
    await second.call(
      'GET',
      `/iam/v2/role-bindings?page_size=1000&crn_pattern=${encodeURIComponent(`${org}/*`)}`,
    ),
  );
  expect((bindings.data as unknown[]).length).toBeGreaterThan(100);
  const poolsAfter = await json(
    await second.call('GET', `${base}?page_size=100`),
  );
  expect((poolsAfter.data as { id: string }[]).map((p) => p.id)).toEqual(
    (poolsBefore.data as { id: string }[]).map((p) => p.id),
  );
  expect(
    (await second.call('GET', `${base}/${String(created.id)}`)).status,
  ).toBe(200);
  // Seeded once: a third start adds nothing.
  await second.close();
  const third = await startTestEmulator({}, { dataDir, keepData: true });
  onTestFinished(() => third.close());
  const again = await json(
    await third.call(
      'GET',
      `/iam/v2/role-bindings?page_size=1000&crn_pattern=${encodeURIComponent(`${org}/*`)}`,
    ),
  );
  expect(again.data).toEqual(
    (bindings.data as { metadata: { self: string } }[]).map((b) => ({
      ...b,
      metadata: {
        ...b.metadata,
        self: b.metadata.self.replace(second.url, third.url),
      },
    })),
  );
});

test('a database from before group mappings and certificate authorities gets the demo ones and their bindings on start, once', async () => {
  const dataDir = tempDir();
  const first = await startTestEmulator({}, { dataDir, keepData: true });
  const org = `crn://confluent.cloud/organization=${first.config.orgId}`;
  const everything = `/iam/v2/role-bindings?page_size=1000&crn_pattern=${encodeURIComponent(`${org}/*`)}`;
  await first.close();
  // What a file from before the federation tables looks like.
  const db = new Database(join(dataDir, 'emulator.sqlite'));
  db.exec(`DELETE FROM role_bindings WHERE principal LIKE 'User:group-%'
      OR EXISTS (SELECT 1 FROM certificate_pools p
        WHERE role_bindings.principal = 'User:' || p.id
           OR role_bindings.crn_pattern LIKE '%/identity-pool=' || p.id);
    DROP TABLE certificate_pools; DROP TABLE certificate_authorities;
    DROP TABLE group_mappings; DELETE FROM meta WHERE key = 'federation_seed';`);
  const bindingsBefore = db
    .prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM role_bindings')
    .get()!.n;
  db.close();

  const second = await startTestEmulator({}, { dataDir, keepData: true });
  onTestFinished(() => second.close());
  const mappings = await json(
    await second.call('GET', '/iam/v2/sso/group-mappings'),
  );
  expect(mappings.data).toHaveLength(4);
  const authorities = await json(
    await second.call('GET', '/iam/v2/certificate-authorities'),
  );
  expect(authorities.data).toHaveLength(1);
  const bindings = (await json(await second.call('GET', everything)))
    .data as unknown[];
  expect(bindings.length).toBeGreaterThan(bindingsBefore);
  await second.close();

  const third = await startTestEmulator({}, { dataDir, keepData: true });
  onTestFinished(() => third.close());
  expect(
    (await json(await third.call('GET', '/iam/v2/sso/group-mappings'))).data,
  ).toHaveLength(4);
  expect(
    ((await json(await third.call('GET', everything))).data as unknown[])
      .length,
  ).toBe(bindings.length);
});
