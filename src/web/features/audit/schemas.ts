import { z } from 'zod';
import type { AuditSearch } from '@/config/paths.ts';
import type { AuditFilters } from './api/audit.ts';

const ID_PATTERN = /^[A-Za-z0-9_-]{1,255}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function isDate(value: string): boolean {
  return DATE_PATTERN.test(value) && !Number.isNaN(Date.parse(value));
}

const idField = z.string().refine((value) => !value || ID_PATTERN.test(value), {
  error: 'Use letters, digits, - and _ only, as in pool-1a2b',
});
const dateField = z.string().refine((value) => !value || isDate(value), {
  error: 'Enter a date as YYYY-MM-DD',
});

/** The audit page's filter form; empty strings mean "any". */
export const auditFilterFormSchema = z
  .object({
    provider_id: idField,
    pool_id: idField,
    since: dateField,
    until: dateField,
  })
  .refine(
    (values) => !values.since || !values.until || values.since <= values.until,
    { error: 'The end date is before the start date', path: ['until'] },
  );

export type AuditFilterFormValues = z.infer<typeof auditFilterFormSchema>;

const searchSchema = z.object({
  provider_id: z.string().regex(ID_PATTERN).optional().catch(undefined),
  pool_id: z.string().regex(ID_PATTERN).optional().catch(undefined),
  since: z.string().refine(isDate).optional().catch(undefined),
  until: z.string().refine(isDate).optional().catch(undefined),
});

/** The filters in the audit page's URL; values that make no sense are dropped. */
export function parseAuditSearch(params: URLSearchParams): AuditSearch {
  return searchSchema.parse(Object.fromEntries(params));
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The API's filters for the URL's dates, read as whole UTC days (the times
 * the console shows are UTC): from the start of `since` to the end of `until`.
 */
export function toAuditFilters(search: AuditSearch): AuditFilters {
  return {
    provider_id: search.provider_id,
    pool_id: search.pool_id,
    since: search.since ? `${search.since}T00:00:00.000Z` : undefined,
    until: search.until
      ? new Date(
          Date.parse(`${search.until}T00:00:00.000Z`) + DAY_MS,
        ).toISOString()
      : undefined,
  };
}
