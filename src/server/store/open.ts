import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import type { Dialect, StoreSchema } from './schema.ts';

/** Where Lifeguard's own data lives: DATABASE_URL, or a SQLite file in DATA_DIR. */
export type DatabaseLocation =
  { dialect: 'sqlite'; file: string } | { dialect: 'postgres'; url: string };

export type ConnectOptions = {
  /**
   * A pooled PostgreSQL connection failed while idle (the server restarted,
   * a network cut): pg then emits an error that would otherwise end the
   * process. The pool replaces the connection itself.
   */
  onIdleError?: (error: Error) => void;
};

const IN_MEMORY = ':memory:';

/** A SQLite database that lives as long as its store: for tests and the default server. */
export const IN_MEMORY_SQLITE: DatabaseLocation = {
  dialect: 'sqlite',
  file: IN_MEMORY,
};

// Both dialects then hand rows over in the same shape (schema.ts): ids,
// counts and millisecond times as numbers (bigint is exact to 2^53, far
// beyond any of them), times of day as the ISO 8601 strings SQLite keeps.
function postgresTypes(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  const { INT8, TIMESTAMPTZ } = pg.types.builtins;
  types.setTypeParser(INT8, Number);
  const parseTime = pg.types.getTypeParser(TIMESTAMPTZ) as (
    text: string,
  ) => Date;
  types.setTypeParser(TIMESTAMPTZ, (text: string) =>
    parseTime(text).toISOString(),
  );
  return types;
}

/** The query builder over `location`; no connection is made until the first query. */
export function connect(
  location: DatabaseLocation,
  options: ConnectOptions = {},
): { db: Kysely<StoreSchema>; dialect: Dialect } {
  if (location.dialect === 'postgres') {
    const pool = new pg.Pool({
      connectionString: location.url,
      types: postgresTypes(),
      // Per replica: enough for the hooks of a busy server, whose queries
      // are short, without using up the server's max_connections.
      max: 10,
      // A database that stops answering fails requests and start-up
      // instead of leaving them waiting for ever.
      connectionTimeoutMillis: 10_000,
    });
    pool.on('error', (error) => options.onIdleError?.(error));
    return {
      db: new Kysely({ dialect: new PostgresDialect({ pool }) }),
      dialect: 'postgres',
    };
  }
  const { file } = location;
  return {
    db: new Kysely({
      dialect: new SqliteDialect({
        database: async () => {
          if (file !== IN_MEMORY) mkdirSync(dirname(file), { recursive: true });
          const db = new Database(file);
          // WAL: a crash never leaves the file half-written, and readers
          // (another process reading the file) never block the writer.
          db.pragma('journal_mode = WAL');
          db.pragma('synchronous = NORMAL');
          return db;
        },
      }),
    }),
    dialect: 'sqlite',
  };
}

// node-postgres also reads a password from the query (`?password=`).
function passwordsOf(url: URL): string[] {
  const written = [url.password, url.searchParams.get('password') ?? ''];
  const plain = written.map((password) => {
    try {
      return decodeURIComponent(password);
    } catch {
      // Kept as written; config.ts refuses such a URL before it gets here.
      return password;
    }
  });
  return [...written, ...plain].filter((password) => password.length > 0);
}

/** The URL as it may be shown: without its password. */
export function displayUrl(url: string): string {
  if (!URL.canParse(url)) return '(DATABASE_URL)';
  const parsed = new URL(url);
  parsed.password = '';
  if (parsed.searchParams.has('password')) {
    parsed.searchParams.set('password', '***');
  }
  return parsed.href;
}

/**
 * A driver's message about `location` with the URL's password taken out,
 * should the driver ever repeat it.
 */
export function withoutPassword(
  message: string,
  location: DatabaseLocation,
): string {
  if (location.dialect !== 'postgres' || !URL.canParse(location.url)) {
    return message;
  }
  return passwordsOf(new URL(location.url)).reduce(
    (text, password) => text.replaceAll(password, '***'),
    message,
  );
}
