import type { FilterDialect } from '#filter/dialect.ts';

/**
 * What an empty filter field shows, per dialect. A module of its own so the
 * lazy editor's stand-in textarea shows the same text without loading the
 * editor's chunk.
 */
export const FILTER_PLACEHOLDERS: Readonly<Record<FilterDialect, string>> = {
  'identity-pool': 'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
  'group-mapping': '"engineering" in groups',
  'certificate-pool': 'O == "Acme" && CN.startsWith("orders-")',
};
