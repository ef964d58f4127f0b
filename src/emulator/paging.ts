import type { FastifyRequest } from 'fastify';
import { PAGE_SIZE, PAGE_TOKEN_MAX_LENGTH } from '#contract/bodies.ts';
import type { EmulatorContext } from './context.ts';
import { badParameter } from './problems.ts';
import type { Cursor, Page } from './store.ts';

type ListQuery = { page_size?: unknown; page_token?: unknown };

function single(value: unknown): unknown {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** Reads page_size and page_token; anything wrong is a 400 naming the parameter. */
export function readPaging(
  context: EmulatorContext,
  request: FastifyRequest,
  scope: string,
): { size: number; cursor: Cursor } {
  const query = request.query as ListQuery;
  const rawSize = single(query.page_size);
  const rawToken = single(query.page_token);
  let size: number | undefined;
  if (rawSize !== undefined) {
    const text = String(rawSize);
    size = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
    if (!(size >= PAGE_SIZE.min && size <= PAGE_SIZE.max)) {
      throw badParameter(
        'page_size',
        `page_size must be a whole number from ${PAGE_SIZE.min} to ${PAGE_SIZE.max} (got "${text}")`,
      );
    }
  }
  if (rawToken === undefined || rawToken === '') {
    return { size: size ?? PAGE_SIZE.default, cursor: { after: 0 } };
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

/** The list envelope with absolute first/prev/next links; next is absent on the last page. */
export function listEnvelope<T extends { seq: number }, R>(
  context: EmulatorContext,
  options: {
    kind: 'IdentityProviderList' | 'IdentityPoolList';
    baseUrl: string;
    path: string;
    scope: string;
    size: number;
    cursor: Cursor;
    page: Page<T>;
    total: number;
    render: (row: T) => R;
  },
) {
  const { page, cursor, size, scope } = options;
  const link = (pageCursor: Cursor) =>
    `${options.baseUrl}${options.path}?page_token=${context.tokens.encode({ scope, size, cursor: pageCursor })}`;
  const firstSeq =
    page.rows[0]?.seq ?? ('after' in cursor ? cursor.after + 1 : cursor.before);
  const lastSeq =
    page.rows.at(-1)?.seq ??
    ('after' in cursor ? cursor.after : cursor.before - 1);
  return {
    api_version: 'iam/v2',
    kind: options.kind,
    metadata: {
      first: `${options.baseUrl}${options.path}?page_size=${size}`,
      ...(page.hasPrevious ? { prev: link({ before: firstSeq }) } : {}),
      ...(page.hasNext ? { next: link({ after: lastSeq }) } : {}),
      total_size: options.total,
    },
    data: page.rows.map(options.render),
  };
}
