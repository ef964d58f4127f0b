import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { onTestFinished } from 'vitest';
import { freshDatabase } from '../testing/postgres.ts';
import { LifeguardStore } from './lifeguard-store.ts';
import type { DatabaseLocation } from './open.ts';
import type { Dialect } from './schema.ts';

/** Every store behaviour is tested on both (describe.each). */
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];

/**
 * An empty database of `dialect` for the current test: a SQLite file in a
 * directory of its own, or a database of its own on the test run's
 * PostgreSQL. Removed when the test finishes.
 */
export async function testLocation(
  dialect: Dialect,
): Promise<DatabaseLocation> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'lifeguard-store-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    return { dialect, file: join(dir, 'lifeguard.sqlite') };
  }
  const database = await freshDatabase();
  onTestFinished(() => database.drop());
  return { dialect, url: database.url };
}

/** A migrated store on `location` (a new database by default), closed when the test finishes. */
export async function testStore(
  dialect: Dialect,
  location?: DatabaseLocation,
): Promise<LifeguardStore> {
  const store = await LifeguardStore.open(
    location ?? (await testLocation(dialect)),
  );
  onTestFinished(() => store.close());
  return store;
}

/**
 * Runs one SQL statement on `location` over a connection of its own, not
 * the store's: what anyone with access to the database could do.
 */
export async function runSql(
  location: DatabaseLocation,
  text: string,
): Promise<unknown[]> {
  if (location.dialect === 'sqlite') {
    const db = new Database(location.file);
    try {
      const statement = db.prepare(text);
      return statement.reader ? statement.all() : (statement.run(), []);
    } finally {
      db.close();
    }
  }
  const client = new pg.Client(location.url);
  await client.connect();
  try {
    return (await client.query(text)).rows as unknown[];
  } finally {
    await client.end();
  }
}
