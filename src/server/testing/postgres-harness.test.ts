import pg from 'pg';
import { expect, inject, test } from 'vitest';
import { freshDatabase } from './postgres.ts';

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(url);
  await client.connect();
  return client;
}

test('the run has a real PostgreSQL, in the environment too', async () => {
  const url = inject('databaseUrl');
  expect(process.env.TEST_DATABASE_URL).toBe(url);
  const client = await connect(url);
  try {
    const { rows } = await client.query<{ version: string }>(
      'SELECT version()',
    );
    expect(rows[0]?.version).toMatch(/^PostgreSQL \d+/);
    await client.query('CREATE TEMP TABLE probe (id int PRIMARY KEY)');
    await client.query('INSERT INTO probe VALUES (1), (2)');
    const count = await client.query('SELECT count(*)::int AS n FROM probe');
    expect(count.rows).toEqual([{ n: 2 }]);
    await client.query('DROP TABLE probe');
  } finally {
    await client.end();
  }
});

test('two connections see each other’s rows once committed', async () => {
  const database = await freshDatabase();
  const [a, b] = [await connect(database.url), await connect(database.url)];
  try {
    await a.query('CREATE TABLE note (text text NOT NULL)');
    await a.query('BEGIN');
    await a.query("INSERT INTO note VALUES ('from a')");
    expect((await b.query('SELECT text FROM note')).rows).toEqual([]);
    await a.query('COMMIT');
    expect((await b.query('SELECT text FROM note')).rows).toEqual([
      { text: 'from a' },
    ]);
    await b.query("INSERT INTO note VALUES ('from b')");
    const seen = await a.query('SELECT text FROM note ORDER BY text');
    expect(seen.rows.map((row) => row.text)).toEqual(['from a', 'from b']);
  } finally {
    await Promise.all([a.end(), b.end()]);
    await database.drop();
  }
});

test('freshDatabase isolates, and drop() removes it despite open connections', async () => {
  const [one, two] = [await freshDatabase(), await freshDatabase()];
  expect(one.url).not.toBe(two.url);
  const left = await connect(one.url);
  await left.query('CREATE TABLE mine (id int)');
  const other = await connect(two.url);
  const found = await other.query("SELECT to_regclass('mine') AS found");
  expect(found.rows).toEqual([{ found: null }]);
  await other.end();
  await two.drop();

  left.on('error', () => {}); // the forced drop ends this session
  await one.drop();
  const admin = await connect(inject('databaseUrl'));
  try {
    const names = [one.url, two.url].map((url) =>
      new URL(url).pathname.slice(1),
    );
    const { rows } = await admin.query(
      'SELECT datname FROM pg_database WHERE datname = ANY($1)',
      [names],
    );
    expect(rows).toEqual([]);
  } finally {
    await admin.end();
  }
  await left.end().catch(() => {});
});
