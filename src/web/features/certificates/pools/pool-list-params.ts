import { z } from 'zod';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const SORT_KEYS = [
  'display_name',
  'id',
  'external_identifier',
  'updated_at',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const searchSchema = z.object({
  page_size: z.coerce
    .number()
    .refine((n) => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(10),
  page_token: z.string().min(1).max(255).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
  q: z.string().max(200).catch(''),
  sort: z
    .string()
    .regex(new RegExp(`^-?(${SORT_KEYS.join('|')})$`))
    .optional()
    .catch(undefined),
});

export type CertificatePoolListSearch = z.infer<typeof searchSchema>;

/** The list's state lives in the URL, so a reload or a shared link shows the same page. */
export function parseCertificatePoolListSearch(
  params: URLSearchParams,
): CertificatePoolListSearch {
  return searchSchema.parse({
    page_size: params.get('page_size') ?? undefined,
    page_token: params.get('page_token') ?? undefined,
    page: params.get('page') ?? undefined,
    q: params.get('q') ?? '',
    sort: params.get('sort') ?? undefined,
  });
}

export function toSearchParams(
  search: Partial<CertificatePoolListSearch>,
): URLSearchParams {
  const params = new URLSearchParams();
  if (search.page_size && search.page_size !== 10)
    params.set('page_size', String(search.page_size));
  if (search.page_token) params.set('page_token', search.page_token);
  if (search.page && search.page > 1) params.set('page', String(search.page));
  if (search.q) params.set('q', search.q);
  if (search.sort) params.set('sort', search.sort);
  return params;
}
