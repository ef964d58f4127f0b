// Types for scripts/postgres.mjs, which stays plain JavaScript so that Node
// runs it without tsx.
export type ThrowawayPostgres = {
  /** postgres://postgres@127.0.0.1:<port>/lifeguard_test */
  url: string;
  /** Shuts the server down and removes its files; safe to call twice. */
  stop: () => Promise<void>;
};

export function startThrowawayPostgres(options?: {
  log?: (message: string) => void;
}): Promise<ThrowawayPostgres>;
