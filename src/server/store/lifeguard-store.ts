import { sql, type Kysely } from 'kysely';
import { AuditLog } from './audit-log.ts';
import { Counters } from './counters.ts';
import { LoginFailures } from './login-failures.ts';
import { migrate } from './migrate.ts';
import { connect, type ConnectOptions, type DatabaseLocation } from './open.ts';
import { PendingSignIns } from './pending-sign-ins.ts';
import type { Dialect, StoreSchema } from './schema.ts';
import { Sessions } from './sessions.ts';
import { TestCases } from './test-cases.ts';

/**
 * Lifeguard's own data: the audit log, sessions, test cases, and the state
 * replicas must share (sign-in failures, OpenID Connect sign-ins in
 * progress, request counters). SQLite in DATA_DIR by default; PostgreSQL
 * when several replicas share it (decision 017).
 */
export class LifeguardStore {
  readonly dialect: Dialect;
  readonly auditLog: AuditLog;
  readonly sessions: Sessions;
  readonly testCases: TestCases;
  readonly loginFailures: LoginFailures;
  readonly pendingSignIns: PendingSignIns;
  readonly counters: Counters;
  readonly #db: Kysely<StoreSchema>;

  /**
   * A store over `location` without touching it: the first query
   * connects. Call {@link migrate} before using it, or use {@link open}.
   */
  constructor(location: DatabaseLocation, options: ConnectOptions = {}) {
    const { db, dialect } = connect(location, options);
    this.#db = db;
    this.dialect = dialect;
    this.auditLog = new AuditLog(db, dialect);
    this.sessions = new Sessions(db);
    this.testCases = new TestCases(db);
    this.loginFailures = new LoginFailures(db);
    this.pendingSignIns = new PendingSignIns(db);
    this.counters = new Counters(db);
  }

  /** A store over `location`, migrated to the latest schema. */
  static async open(
    location: DatabaseLocation,
    options: ConnectOptions = {},
  ): Promise<LifeguardStore> {
    const store = new LifeguardStore(location, options);
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  /** Applies the migrations the database lacks; returns their names. */
  migrate(): Promise<string[]> {
    return migrate(this.#db, this.dialect);
  }

  /** Resolves once the database answers a query; for /readyz. */
  async ping(): Promise<void> {
    await sql`SELECT 1`.execute(this.#db);
  }

  /** Closes the SQLite file or every pooled PostgreSQL connection. */
  close(): Promise<void> {
    return this.#db.destroy();
  }
}
