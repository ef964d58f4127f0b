import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';

/** The PostgreSQL server of the test run (postgres-global-setup.ts). */
export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client(testDatabaseUrl());
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A new, empty database on the test server, so that test files running at
 * the same time never see each other's tables. `drop()` removes it even
 * while connections to it are still open.
 */
export async function freshDatabase(): Promise<{
  url: string;
  drop(): Promise<void>;
}> {
  const name = `lg_${randomBytes(8).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
