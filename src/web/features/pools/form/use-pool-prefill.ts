import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { FILTER_TEMPLATES, type FilterTemplate } from '#filter/templates.ts';
import type { Pool } from '../api/pools.ts';
import { poolQueries } from '../api/queries.ts';
import { poolFormValuesOf, type PoolFormValues } from '../schemas.ts';

export const EMPTY_POOL: PoolFormValues = {
  display_name: '',
  description: '',
  identity_claim: 'claims.sub',
  filter: '',
};

// Ids as the API writes them; anything else in the URL is ignored.
const searchSchema = z.object({
  copy_of: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .catch(undefined),
  template: z.string().min(1).optional().catch(undefined),
});

/** What the new-pool form starts from, as its URL says. */
export type PoolPrefill =
  | { kind: 'empty' }
  | { kind: 'copy'; source: Pool }
  | { kind: 'template'; template: FilterTemplate }
  | { kind: 'unknown-template'; templateId: string };

export type PoolPrefillState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | {
      status: 'ready';
      prefill: PoolPrefill;
      values: PoolFormValues;
      /** Changes with the starting point, to remount the form on a new one. */
      key: string;
    };

/** A pool's fields under a new name; nothing else of it is carried over. */
export function copyValuesOf(pool: Pool): PoolFormValues {
  return {
    ...poolFormValuesOf(pool),
    display_name: `${pool.display_name} (copy)`,
  };
}

export function templateValuesOf(template: FilterTemplate): PoolFormValues {
  return {
    ...EMPTY_POOL,
    identity_claim: template.identityClaim,
    filter: template.filter,
  };
}

/**
 * The new-pool form's starting values from its URL: `?copy_of=<pool id>`
 * (that pool's fields, named "<name> (copy)") or `?template=<id>` (a filter
 * template). The URL holds the starting point, so a reload starts the same
 * way; what the user typed on top lives in the form's drafts.
 */
export function usePoolPrefill(
  providerId: string,
  searchParams: URLSearchParams,
): PoolPrefillState {
  const search = searchSchema.parse(Object.fromEntries(searchParams));
  const copyOf = search.copy_of;
  const source = useQuery({
    ...poolQueries.detail(providerId, copyOf ?? ''),
    enabled: copyOf !== undefined,
  });

  if (copyOf !== undefined) {
    if (source.data) {
      return {
        status: 'ready',
        prefill: { kind: 'copy', source: source.data },
        values: copyValuesOf(source.data),
        key: `copy:${copyOf}`,
      };
    }
    if (source.isError) {
      return {
        status: 'error',
        error: source.error,
        retry: () => void source.refetch(),
      };
    }
    return { status: 'loading' };
  }

  if (search.template !== undefined) {
    const template = FILTER_TEMPLATES.find(
      (candidate) => candidate.id === search.template,
    );
    return template
      ? {
          status: 'ready',
          prefill: { kind: 'template', template },
          values: templateValuesOf(template),
          key: `template:${template.id}`,
        }
      : {
          status: 'ready',
          prefill: { kind: 'unknown-template', templateId: search.template },
          values: EMPTY_POOL,
          key: 'empty',
        };
  }

  return {
    status: 'ready',
    prefill: { kind: 'empty' },
    values: EMPTY_POOL,
    key: 'empty',
  };
}
