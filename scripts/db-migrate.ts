// `npm run db:migrate`: brings the database of DATABASE_URL (or the SQLite
// file in DATA_DIR) to the latest schema, says what it applied, and exits.
// The server does the same at start-up; this is for deployments that
// migrate as a step of their own before starting replicas.
import { parseDatabaseConfig } from '../src/server/config.ts';
import { LifeguardStore } from '../src/server/store/lifeguard-store.ts';
import { displayUrl, withoutPassword } from '../src/server/store/open.ts';

const parsed = parseDatabaseConfig(process.env);
if (!parsed.ok) {
  console.error(
    `Cannot migrate; fix these variables:\n  ${parsed.errors.join('\n  ')}`,
  );
  process.exit(1);
}
const location = parsed.config;
const label =
  location.dialect === 'postgres'
    ? `PostgreSQL at ${displayUrl(location.url)}`
    : `SQLite in ${location.file}`;

const store = new LifeguardStore(location);
try {
  const applied = await store.migrate();
  console.log(
    applied.length > 0
      ? `Migrated ${label}: applied ${applied.join(', ')}.`
      : `${label} is up to date; nothing to apply.`,
  );
} catch (error) {
  console.error(
    `Migrating ${label} failed: ${withoutPassword((error as Error).message, location)}`,
  );
  process.exitCode = 1;
} finally {
  await store.close();
}
