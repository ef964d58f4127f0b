import type { FastifyRequest } from 'fastify';
import {
  PAGE_SIZE,
  PAGE_TOKEN_MAX_LENGTH,
  type PageSizeLimits,
} from '#contract/bodies.ts';
import type { EmulatorContext } from './context.ts';
import { badParameter } from './problems.ts';
import type { Cursor, Page } from './keyset-page.ts';

function single(value: unknown): unknown {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** A query parameter's value (the last one, if repeated), or undefined when absent. */
export function queryValue(
  request: FastifyRequest,
  name: string,
): string | undefined {
  const value = single((request.query as Record<string, unknown>)[name]);
  return value === undefined ? undefined : String(value);
}

/**
 * Reads page_size and page_token; anything wrong is a 400 naming the
 * parameter. `scope` names the list and its filters: a token from another
 * list, or from the same list with other filters, is refused.
 */
export function readPaging(
  context: EmulatorContext,
  request: FastifyRequest,
  scope: string,
  limits: PageSizeLimits = PAGE_SIZE,
): { size: number; cursor: Cursor } {
  const rawSize = queryValue(request, 'page_size');
  const rawToken = queryValue(request, 'page_token');
  let size: number | undefined;
  if (rawSize !== undefined) {
    size = /^\d{1,6}$/.test(rawSize) ? Number(rawSize) : Number.NaN;
    if (!(size >= limits.min && size <= limits.max)) {
      throw badParameter(
        'page_size',
        `page_size must be a whole number from ${limits.min} to ${limits.max} (got "${rawSize}")`,
      );
    }
  }
  if (rawToken === undefined || rawToken === '') {
    return { size: size ?? limits.default, cursor: { after: 0 } };
  }
  const token = String(rawToken);
  const decoded =
    token.length <= PAGE_TOKEN_MAX_LENGTH
      ? context.tokens.decode(token, scope)
      : undefined;
  if (!decoded) {
    throw badParameter(
      'page_token',
      'page_token is not a token this list issued; start again from the first page',
    );
  }
  // page_size normally comes with the first request only; an explicit one wins.
  return { size: size ?? decoded.size, cursor: decoded.cursor };
}

/**
 * The list envelope with absolute first/prev/next links; next is absent on
 * the last page. Every link carries the list's `filters` after the page
 * token, as the live service's do (`?page_token=…&environment=env-…`), so
 * following `next` verbatim keeps them.
 */
export function listEnvelope<T extends { seq: number }, R>(
  context: EmulatorContext,
  options: {
    apiVersion?: 'iam/v2' | 'org/v2' | 'cmk/v2' | 'service-quota/v1';
    kind: string;
    baseUrl: string;
    path: string;
    filters?: Readonly<Record<string, string | undefined>>;
    scope: string;
    size: number;
    cursor: Cursor;
    page: Page<T>;
    total: number;
    render: (row: T) => R;
  },
) {
  const { page, cursor, size, scope } = options;
  const filters = Object.entries(options.filters ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(
      ([name, value]) =>
        `&${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
    )
    .join('');
  const link = (pageCursor: Cursor) =>
    `${options.baseUrl}${options.path}?page_token=${context.tokens.encode({ scope, size, cursor: pageCursor })}${filters}`;
  const firstSeq =
    page.rows[0]?.seq ?? ('after' in cursor ? cursor.after + 1 : cursor.before);
  const lastSeq =
    page.rows.at(-1)?.seq ??
    ('after' in cursor ? cursor.after : cursor.before - 1);
  return {
    api_version: options.apiVersion ?? 'iam/v2',
    kind: options.kind,
    metadata: {
      first: `${options.baseUrl}${options.path}?page_size=${size}${filters}`,
      ...(page.hasPrevious ? { prev: link({ before: firstSeq }) } : {}),
      ...(page.hasNext ? { next: link({ after: lastSeq }) } : {}),
      total_size: options.total,
    },
    data: page.rows.map(options.render),
  };
}

/**
 * The envelope recorded for the group-mapping list: `kind`, `metadata`
 * with `self` (the collection) and `next` only when there is a next page,
 * and `data`; no `api_version`, `first`, `prev` or `total_size`
 * (docs/confluent-api.md §27.1). The console must page with `next` alone.
 */
export function terseListEnvelope<T extends { seq: number }, R>(
  context: EmulatorContext,
  options: {
    kind: string;
    baseUrl: string;
    path: string;
    scope: string;
    size: number;
    page: Page<T>;
    render: (row: T) => R;
  },
) {
  const { page, size, scope } = options;
  const last = page.rows.at(-1);
  return {
    kind: options.kind,
    metadata: {
      self: `${options.baseUrl}${options.path}`,
      ...(page.hasNext && last
        ? {
            next: `${options.baseUrl}${options.path}?page_token=${context.tokens.encode({ scope, size, cursor: { after: last.seq } })}`,
          }
        : {}),
    },
    data: page.rows.map(options.render),
  };
}
