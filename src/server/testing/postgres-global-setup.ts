// Global setup of the `node` Vitest project: one real PostgreSQL for the
// run, never a mock (docs/toolchain.md). TEST_DATABASE_URL names a server
// to use; without it a throwaway one starts (scripts/postgres.mjs, about
// half a second) and stops at teardown. Test files take a database of their
// own on it with freshDatabase() (./postgres.ts).
import type { TestProject } from 'vitest/node';
import { startThrowawayPostgres } from '../../../scripts/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server of the run; see ./postgres.ts. */
    databaseUrl: string;
  }
}

export async function setup(project: TestProject) {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    project.provide('databaseUrl', given);
    return;
  }
  const server = await startThrowawayPostgres({
    log: (message) => console.log(message),
  });
  // Workers are forked after global setup and inherit the environment, so
  // helpers outside Vitest's context can read the URL too.
  process.env.TEST_DATABASE_URL = server.url;
  project.provide('databaseUrl', server.url);
  return async () => {
    // A rerun in watch mode must not take the stopped server for a given one.
    delete process.env.TEST_DATABASE_URL;
    await server.stop();
  };
}
