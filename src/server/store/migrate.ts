import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import { migrations } from './migrations.ts';
import type { Dialect, StoreSchema } from './schema.ts';

// Advisory lock keys are one bigint namespace per database: any constant
// no other client of the database uses (Kysely's own is another).
export const MIGRATION_LOCK = 7_470_133_001;

async function migrateToLatest(
  db: Kysely<StoreSchema>,
  dialect: Dialect,
): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations(dialect) },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) throw error;
  return results.map((result: MigrationResult) => result.migrationName);
}

/**
 * Brings the database to the latest schema; returns the names of the
 * migrations it applied (none when another replica got there first).
 *
 * On PostgreSQL several replicas may start at once. Kysely's Migrator locks
 * only around running the migrations; it creates its own bookkeeping
 * tables before that, leaning on catch-and-recheck when replicas race. One
 * session-level advisory lock, held on one connection around the whole
 * run, makes the replica that comes second simply wait, then find nothing
 * to do. SQLite has one writer per file and nothing to race.
 */
export async function migrate(
  db: Kysely<StoreSchema>,
  dialect: Dialect,
): Promise<string[]> {
  if (dialect === 'sqlite') return migrateToLatest(db, dialect);
  return db.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      return await migrateToLatest(connection, dialect);
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(
        connection,
      );
    }
  });
}
