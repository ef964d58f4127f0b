import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import {
  AUDIT_API,
  AUDIT_MAX_PAGE_SIZE,
  AUDIT_PAGE_SIZE,
  type AuditAction,
  type AuditChange,
  type AuditOutcome,
  type AuditQuery,
} from '#contract/audit.ts';
import { canWrite, type AuthMode, type SessionUser } from '#contract/auth.ts';
import { failureBody } from '#contract/errors.ts';
import { matchUpstreamRoute } from '#contract/routes.ts';
import type { LifeguardStore } from './store.ts';

export type AuditTarget = {
  action: AuditAction;
  providerId: string | null;
  poolId: string | null;
};

const ACTIONS: Record<string, AuditAction> = {
  createIamV2IdentityProvider: 'create-provider',
  updateIamV2IdentityProvider: 'update-provider',
  deleteIamV2IdentityProvider: 'delete-provider',
  refreshIamV2JsonWebKeySet: 'refresh-provider-keys',
  createIamV2IdentityPool: 'create-pool',
  updateIamV2IdentityPool: 'update-pool',
  deleteIamV2IdentityPool: 'delete-pool',
};

const TEST_CASES =
  /^\/api\/lifeguard\/providers\/([A-Za-z0-9_-]+)\/pools\/([A-Za-z0-9_-]+)\/test-cases(\/[A-Za-z0-9_-]+)?$/;

/** What a write to `path` (under /api) does, or undefined when it is not one Lifeguard records. */
export function auditTarget(
  method: string,
  path: string,
): AuditTarget | undefined {
  // Every recorded write is one of these (ACTIONS and TEST_CASES): reads,
  // the bulk of the traffic, need no matching.
  if (method !== 'POST' && method !== 'PATCH' && method !== 'DELETE') {
    return undefined;
  }
  const testCase = TEST_CASES.exec(path);
  if (testCase) {
    const action =
      method === 'POST' && !testCase[3]
        ? 'create-test-case'
        : method === 'DELETE' && testCase[3]
          ? 'delete-test-case'
          : undefined;
    return action
      ? { action, providerId: testCase[1]!, poolId: testCase[2]! }
      : undefined;
  }
  if (!path.startsWith('/api/iam/')) return undefined;
  const match = matchUpstreamRoute(method, path.slice('/api'.length));
  const action = match && ACTIONS[match.route.operationId];
  if (!match || !action) return undefined;
  const isPool = action.endsWith('-pool');
  return {
    action,
    providerId: match.params.provider_id ?? match.params.id ?? null,
    poolId: isPool ? (match.params.id ?? null) : null,
  };
}

// Envelope fields say nothing about what changed.
const IGNORED_FIELDS = new Set(['api_version', 'kind', 'id', 'metadata']);
// Claims of a test case may come from a pasted token; the log keeps only
// what names the case.
const TEST_CASE_FIELDS = new Set(['name', 'expected']);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The fields a write touched: for an applied update only those whose value
 * changed; for a delete, the values removed.
 */
export function auditChanges(
  action: AuditAction,
  outcome: AuditOutcome,
  input: { requested: unknown; before?: unknown; after?: unknown },
): AuditChange[] {
  const keep = (field: string) =>
    !IGNORED_FIELDS.has(field) &&
    (!action.endsWith('test-case') || TEST_CASE_FIELDS.has(field));
  const requested = record(input.requested);
  const before = record(input.before);
  const after = record(input.after);
  if (action.startsWith('delete-')) {
    return Object.keys(before)
      .filter(keep)
      .map((field) => ({ field, before: before[field], after: null }));
  }
  const applied = outcome === 'applied';
  const changes: AuditChange[] = [];
  for (const field of Object.keys(requested).filter(keep)) {
    const was = field in before ? before[field] : null;
    const now = applied && field in after ? after[field] : requested[field];
    if (action.startsWith('update-') && applied && same(was, now)) continue;
    changes.push({ field, before: was, after: now });
  }
  return changes;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set for writes Lifeguard records; read when the response is sent. */
    audit?: AuditTarget & { before?: unknown; after?: unknown };
  }
}

/** The request body as an object, whether parsed or kept as bytes (the proxy). */
function requestedFields(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function createdId(
  audit: NonNullable<FastifyRequest['audit']>,
  action: AuditAction,
): string | undefined {
  const id = record(audit.after).id;
  return audit.action === action && typeof id === 'string' ? id : undefined;
}

function actor(user: SessionUser, mode: AuthMode) {
  return { id: user.id, name: user.name, role: user.role, mode };
}

/**
 * Records every write to the audit log, including refused ones: a viewer's
 * write is answered 403 here, before any upstream call.
 */
export function auditWrites(
  app: FastifyInstance,
  store: LifeguardStore,
  mode: AuthMode,
) {
  // Both hooks run for every request, so they are callback style (see
  // app.ts).
  app.addHook('preHandler', (request, reply, done) => {
    const path = (request.raw.url ?? '').split('?')[0] ?? '';
    const target = auditTarget(request.method, path);
    if (!target || !request.user) return done();
    request.audit = target;
    if (canWrite(request.user.role)) return done();
    request.log.warn(
      { user: request.user.id, role: request.user.role, action: target.action },
      'write refused: role may not write',
    );
    // Answered here: the hook chain stops without done().
    void reply
      .code(403)
      .header('x-request-id', request.id)
      .send(
        failureBody(
          403,
          [
            {
              code: 'forbidden_role',
              title: 'Forbidden',
              detail: `Your role (${request.user.role}) may browse and test tokens but not make changes; ask a Lifeguard admin.`,
            },
          ],
          request.id,
        ),
      );
  });

  app.addHook('onResponse', (request, reply, done) => {
    const { audit, user } = request;
    if (!audit || !user) return done();
    const status = reply.statusCode;
    const outcome: AuditOutcome = !canWrite(user.role)
      ? 'denied'
      : status >= 200 && status < 300
        ? 'applied'
        : 'failed';
    try {
      store.appendAudit({
        actor: actor(user, mode),
        method: request.method as 'POST',
        target: (request.raw.url ?? '').split('?')[0] ?? '',
        action: audit.action,
        // A create's id is known once the upstream has answered.
        providerId:
          audit.providerId ?? createdId(audit, 'create-provider') ?? null,
        poolId: audit.poolId ?? createdId(audit, 'create-pool') ?? null,
        requestId: request.id,
        outcome,
        status,
        changes: auditChanges(audit.action, outcome, {
          requested: requestedFields(request.body),
          before: audit.before,
          after: audit.after,
        }),
      });
    } catch (error) {
      // The write already happened; losing its record must be loud.
      request.log.error({ err: error }, 'audit entry could not be written');
    }
    done();
  });
}

const isoTime = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 time such as 2026-12-01T00:00:00Z',
});
const ID = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,255}$/, { error: 'must be an id such as pool-1a' });

const auditQuerySchema = z.object({
  provider_id: ID.optional(),
  pool_id: ID.optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  before: z.coerce
    .number({ error: 'must be an entry id' })
    .int({ error: 'must be an entry id' })
    .positive({ error: 'must be an entry id' })
    .optional(),
  page_size: z.coerce
    .number()
    .int()
    .min(1, { error: `must be from 1 to ${AUDIT_MAX_PAGE_SIZE}` })
    .max(AUDIT_MAX_PAGE_SIZE, {
      error: `must be from 1 to ${AUDIT_MAX_PAGE_SIZE}`,
    })
    .optional(),
});

// Stored times are UTC with milliseconds; compare like with like.
function normalised(query: AuditQuery): AuditQuery {
  return {
    ...query,
    ...(query.since ? { since: new Date(query.since).toISOString() } : {}),
    ...(query.until ? { until: new Date(query.until).toISOString() } : {}),
  };
}

function parseQuery(
  request: FastifyRequest,
  reply: FastifyReply,
): AuditQuery | undefined {
  const parsed = auditQuerySchema.safeParse(request.query);
  if (!parsed.success) {
    void reply.code(400).send(
      failureBody(
        400,
        parsed.error.issues.map((issue) => ({
          code: 'invalid_parameter',
          title: 'Bad Request',
          detail: `${String(issue.path[0])} ${issue.message}.`,
          parameter: String(issue.path[0]),
        })),
        request.id,
      ),
    );
    return undefined;
  }
  const query = normalised(parsed.data);
  const poolHistory = query.provider_id && query.pool_id;
  const exporting = request.url.startsWith(AUDIT_API.export);
  if ((exporting || !poolHistory) && !canWrite(request.user?.role)) {
    void reply.code(403).send(
      failureBody(
        403,
        [
          {
            code: 'forbidden_role',
            title: 'Forbidden',
            detail:
              "The organisation's audit log is for admins; any signed-in user can read a pool's history.",
          },
        ],
        request.id,
      ),
    );
    return undefined;
  }
  return query;
}

const EXPORT_BATCH = 500;

/** GET /api/lifeguard/audit (pages) and /api/lifeguard/audit/export (JSON Lines). */
export function auditRoutes(app: FastifyInstance, store: LifeguardStore) {
  app.get(AUDIT_API.list, async (request, reply) => {
    const query = parseQuery(request, reply);
    if (!query) return reply;
    const size = query.page_size ?? AUDIT_PAGE_SIZE;
    const rows = store.listAudit(query, size + 1);
    const data = rows.slice(0, size);
    return {
      data,
      next: rows.length > size ? (data.at(-1)?.id ?? null) : null,
    };
  });

  app.get(AUDIT_API.export, async (request, reply) => {
    const query = parseQuery(request, reply);
    if (!query) return reply;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    reply
      .type('application/x-ndjson; charset=utf-8')
      .header(
        'content-disposition',
        `attachment; filename="lifeguard-audit-${stamp}.jsonl"`,
      );
    // Batches keep memory flat however long the log is.
    async function* lines() {
      let before = query!.before;
      for (;;) {
        const batch = store.listAudit({ ...query, before }, EXPORT_BATCH);
        for (const entry of batch) yield `${JSON.stringify(entry)}\n`;
        if (batch.length < EXPORT_BATCH) return;
        before = batch.at(-1)!.id;
      }
    }
    return reply.send(Readable.from(lines()));
  });
}
