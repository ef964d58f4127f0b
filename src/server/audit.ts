import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyPlugin from 'fastify-plugin';
import { createHash } from 'node:crypto';
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
import {
  API_ADMIN,
  API_SIGNED_IN,
  auditTargetOf,
  type AuditTarget,
  type RoutePolicy,
} from './endpoint.ts';
import { fail } from './failure.ts';
import type { WriteAudit } from './forward/operations.ts';
import type { NewAuditEntry } from './store/audit-log.ts';
import type { LifeguardStore } from './store/lifeguard-store.ts';
import {
  readWholeList,
  type ListWalk,
  type UpstreamReader,
} from './upstream-read.ts';

/**
 * Where an entry's parent and object ids come from in a write's path
 * params, by what the write is about (docs/decisions/019): the parent is
 * an identity provider or certificate authority, the object an identity
 * pool, certificate pool or group mapping. A role binding's come from its
 * principal once the binding is known (see principalObject).
 */
const IDS_FROM_PATH: Record<
  WriteAudit['about'],
  (params: Record<string, string>) => {
    providerId: string | null;
    poolId: string | null;
  }
> = {
  provider: (params) => ({
    providerId: params.provider_id ?? params.id ?? null,
    poolId: null,
  }),
  pool: (params) => ({
    providerId: params.provider_id ?? null,
    poolId: params.id ?? null,
  }),
  'group-mapping': (params) => ({
    providerId: null,
    poolId: params.id ?? null,
  }),
  'certificate-authority': (params) => ({
    providerId: params.id ?? null,
    poolId: null,
  }),
  'certificate-pool': (params) => ({
    providerId: params.certificate_authority_id ?? null,
    poolId: params.id ?? null,
  }),
  'role-binding': () => ({ providerId: null, poolId: null }),
};

/** The audit declaration of a forwarded upstream write. */
export function forwardedWriteAudit(
  declared: WriteAudit,
): NonNullable<RoutePolicy['audit']> {
  const { action, readsBefore, removesWith, about } = declared;
  const fixed = {
    action,
    readsBefore,
    ...(removesWith ? { removesWith } : {}),
    ...(about === 'role-binding' ? { poolFromPrincipal: true } : {}),
  };
  const idsOf = IDS_FROM_PATH[about];
  return (_method, params) => ({ ...fixed, ...idsOf(params) });
}

/** The audit declaration of a test-case write. */
export function testCaseAudit(
  action: 'create-test-case' | 'delete-test-case',
): RoutePolicy['audit'] {
  return (_method, params) => ({
    action,
    providerId: params.providerId ?? null,
    poolId: params.poolId ?? null,
  });
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
 * A value with every JSON Web Key in it (an object with `kty`, RFC 7517)
 * reduced to its `kid`: a provider's `keys` are recorded by id, never their
 * material (`n`, `e`, `x5c`…), which the log has no use for and would
 * otherwise keep forever.
 */
function withoutKeyMaterial(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutKeyMaterial);
  if (typeof value === 'string') return pemSummary(value) ?? value;
  if (typeof value !== 'object' || value === null) return value;
  const fields = value as Record<string, unknown>;
  if (typeof fields.kty === 'string') return fields.kid ?? null;
  return Object.fromEntries(
    Object.entries(fields).map(([key, inner]) => [
      key,
      withoutKeyMaterial(inner),
    ]),
  );
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]{1,40})-----/g;

/**
 * A PEM text (a certificate authority's chain or revocation list, up to a
 * mebibyte) as what it holds and its digest, e.g. `PEM: 2 CERTIFICATE
 * blocks, SHA-256 3f…`: enough to tell one upload from another, without
 * keeping the file in an append-only log forever.
 */
function pemSummary(text: string): string | undefined {
  const labels = [...text.matchAll(PEM_BLOCK)].map((match) => match[1]!);
  if (labels.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const blocks = [...counts]
    .map(([label, count]) => `${count} ${label} block${count === 1 ? '' : 's'}`)
    .join(', ');
  const digest = createHash('sha256').update(text).digest('hex');
  return `PEM: ${blocks}, SHA-256 ${digest}`;
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
  const requested = record(withoutKeyMaterial(input.requested));
  const before = record(withoutKeyMaterial(input.before));
  const after = record(withoutKeyMaterial(input.after));
  if (action.startsWith('delete-') || action === 'revoke-role') {
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

/** What the audit log gathers about one write while it is carried out. */
type WriteState = AuditTarget & {
  before?: unknown;
  after?: unknown;
  /**
   * The write was sent on (to the upstream, or to Lifeguard's store): a
   * failure is then the upstream's or the store's, not a refusal.
   */
  forwarded?: boolean;
  /** Why it was not applied: the first error of the answer. */
  refusal?: { code: string; detail: string };
  /** A provider delete: its pools as read before, which go with it. */
  cascade?: ListWalk;
  /** How "before" is read from the upstream. */
  read?: UpstreamReader;
  /** Its entry has been written (or given up on). */
  recorded?: boolean;
};

// Kept on the request under a key only this module holds: handlers report
// through WriteRecord, never by writing the state themselves.
const STATE = Symbol('audited write');
type AuditedRequest = FastifyRequest & { [STATE]?: WriteState };

function stateOf(request: FastifyRequest): WriteState | undefined {
  return (request as AuditedRequest)[STATE];
}

/**
 * What the handler carrying out a recorded write tells the audit log. A
 * request whose route records no write has none ({@link writeRecordOf}).
 */
export interface WriteRecord {
  /**
   * Reads what the entry keeps of the resource as it is now, as its route
   * declares (`readsBefore`, `removesWith`), from `upstreamPath`, just
   * before the write is sent there.
   */
  captureBefore(upstreamPath: string): Promise<void>;
  /** The write goes out now: from here a failure is the upstream's or the store's. */
  sent(): void;
  /** What the write replaces or removes, when the handler knows it itself. */
  replaces(before: unknown): void;
  /** What the upstream or the store now holds, as it answered. */
  answered(after: unknown): void;
}

// A provider's pools read before its delete, for the audit log: at most
// 100 pages of 100 (extra upstream reads, so bounded).
const CASCADE_MAX_PAGES = 100;

class RequestWriteRecord implements WriteRecord {
  readonly #state: WriteState;
  readonly #requestId: string;

  constructor(state: WriteState, requestId: string) {
    this.#state = state;
    this.#requestId = requestId;
  }

  async captureBefore(upstreamPath: string) {
    const state = this.#state;
    const { read } = state;
    if (!read) return;
    if (state.readsBefore) {
      // Undefined if unreadable: the entry then says nothing of before.
      const current = await read(upstreamPath, this.#requestId);
      state.before = current?.status === 200 ? current.body : undefined;
    }
    if (state.removesWith) {
      // Its items go with it: each gets an entry once the delete is applied.
      state.cascade = await readWholeList(
        read,
        `${upstreamPath}/${state.removesWith}`,
        this.#requestId,
        CASCADE_MAX_PAGES,
      );
    }
  }

  sent() {
    this.#state.forwarded = true;
  }

  replaces(before: unknown) {
    this.#state.before = before;
  }

  answered(after: unknown) {
    this.#state.after = after;
  }
}

/** The record of the write this request carries out, if its route records one. */
export function writeRecordOf(
  request: FastifyRequest,
): WriteRecord | undefined {
  const state = stateOf(request);
  return state ? new RequestWriteRecord(state, request.id) : undefined;
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
  audit: WriteState,
  actions: readonly AuditAction[],
): string | undefined {
  const id = record(audit.after).id;
  return actions.includes(audit.action) && typeof id === 'string'
    ? id
    : undefined;
}

// Creates whose new id is the entry's parent, and those whose is its object.
const CREATES_PARENT: readonly AuditAction[] = [
  'create-provider',
  'create-certificate-authority',
];
const CREATES_OBJECT: readonly AuditAction[] = [
  'create-pool',
  'create-certificate-pool',
  'create-group-mapping',
];

// A pool (identity or certificate) or a group mapping as a role binding's
// principal (`User:pool-…`, `User:group-…`).
const OBJECT_PRINCIPAL = /^User:((?:pool|group)-[A-Za-z0-9_-]{1,250})$/;

/**
 * For a role binding's grant or revoke: the pool or group mapping it gives
 * or takes access from, read from the binding asked for, answered or read
 * before, so that object's history can show it.
 */
function principalObject(
  audit: WriteState,
  requested: unknown,
): string | undefined {
  if (!audit.poolFromPrincipal) return undefined;
  for (const binding of [requested, audit.after, audit.before]) {
    const principal = record(binding).principal;
    const object =
      typeof principal === 'string'
        ? OBJECT_PRINCIPAL.exec(principal)?.[1]
        : undefined;
    if (object) return object;
  }
  return undefined;
}

function actor(user: SessionUser, mode: AuthMode) {
  return { id: user.id, name: user.name, role: user.role, mode };
}

/** The first error of a Failure body (Lifeguard's or Confluent's), or of Fastify's own error body. */
function refusalOf(payload: unknown): { code: string; detail: string } {
  let body: unknown;
  try {
    body =
      typeof payload === 'string' || Buffer.isBuffer(payload)
        ? JSON.parse(payload.toString())
        : undefined;
  } catch {
    body = undefined;
  }
  const fields = record(body);
  const first = record(Array.isArray(fields.errors) ? fields.errors[0] : {});
  const text = (value: unknown) =>
    typeof value === 'string' ? value : undefined;
  return {
    code:
      text(first.code) ??
      text(fields.code) ??
      // The role-binding API's older shape: {"error_code":40002,"message":…}
      (typeof fields.error_code === 'number'
        ? String(fields.error_code)
        : undefined) ??
      'refused',
    detail: (
      text(first.detail) ??
      text(fields.message) ??
      'Lifeguard refused this write.'
    ).slice(0, 500),
  };
}

function outcomeOf(audit: WriteState, status: number): AuditOutcome {
  if (status >= 200 && status < 300) return 'applied';
  if (audit.forwarded) return 'failed';
  return audit.refusal?.code === 'forbidden_role' ? 'denied' : 'refused';
}

/**
 * Records every write to the audit log: applied, failed (the upstream or
 * the store said no), denied (the role may not write) or refused (Lifeguard
 * turned it away before sending it on: a bad request target, no CSRF
 * header, over the rate limit, a body that is not JSON…, with the reason
 * and without the body). A write is what the matched route's policy says
 * is one. Only writes by a known user are stored: a client without a
 * session only gets a log line, so nothing unauthenticated grows the log.
 *
 * The entry is committed before the answer leaves (onSend, where the
 * status is known), so no write is acknowledged whose entry a crash could
 * still lose. If the entry cannot be written, the write's own answer is
 * sent all the same and the failure logged at error level: the write has
 * already happened upstream, and a 500 would tell the client it had not.
 */
export const auditWrites = fastifyPlugin(
  async (
    app: FastifyInstance,
    options: {
      store: LifeguardStore;
      mode: AuthMode;
      /** How a write's "before" is read from the upstream (forwarded writes). */
      readUpstream?: UpstreamReader;
    },
  ) => {
    const { store, mode, readUpstream } = options;
    // Callback style: they run for every request (see app.ts). After
    // authentication (who) and before any refusal (so refusals are kept).
    app.addHook('onRequest', (request, _reply, done) => {
      const target = auditTargetOf(request);
      if (target) {
        (request as AuditedRequest)[STATE] = { ...target, read: readUpstream };
      }
      done();
    });

    app.addHook('onSend', (request, reply, payload, done) => {
      const audit = stateOf(request);
      // Once: an answer that fails on its way is sent again as an error.
      if (!audit || audit.recorded) return done(null, payload);
      audit.recorded = true;
      // The reason it was not applied: Lifeguard's or the upstream's.
      if (reply.statusCode >= 400) audit.refusal = refusalOf(payload);
      recordWrite(store, mode, request, reply, audit).then(
        () => done(null, payload),
        (error: unknown) => {
          request.log.error(
            { err: error, action: audit.action, status: reply.statusCode },
            'audit entry could not be written',
          );
          done(null, payload);
        },
      );
    });
  },
  {
    name: 'lifeguard-audit-writes',
    dependencies: ['lifeguard-authentication'],
  },
);

async function recordWrite(
  store: LifeguardStore,
  mode: AuthMode,
  request: FastifyRequest,
  reply: FastifyReply,
  audit: WriteState,
): Promise<void> {
  const { user } = request;
  const status = reply.statusCode;
  const outcome = outcomeOf(audit, status);
  if (!user) {
    request.log.warn(
      { action: audit.action, status, reason: audit.refusal?.detail },
      'write without a session refused (not recorded in the audit log)',
    );
    return;
  }
  if (
    audit.refusal?.code === 'lifeguard_rate_limited' &&
    !(await firstRefusalOfWindow(store, `${user.id}@${request.ip}`, reply))
  ) {
    request.log.warn(
      { action: audit.action, user: user.id },
      'write over the rate limit refused (already recorded once this window)',
    );
    return;
  }
  const refused = outcome === 'refused';
  const entry: NewAuditEntry = {
    actor: actor(user, mode),
    method: request.method as 'POST',
    target: targetOf(request),
    action: audit.action,
    // A create's id is known once the upstream has answered.
    providerId: audit.providerId ?? createdId(audit, CREATES_PARENT) ?? null,
    poolId:
      audit.poolId ??
      createdId(audit, CREATES_OBJECT) ??
      principalObject(audit, requestedFields(request.body)) ??
      null,
    requestId: request.id,
    clientRequestId: request.clientRequestId ?? null,
    outcome,
    status,
    reason: outcome === 'applied' ? null : (audit.refusal?.detail ?? null),
    // A refused body was never checked: it is not kept.
    changes: refused
      ? []
      : auditChanges(audit.action, outcome, {
          requested: requestedFields(request.body),
          before: audit.before,
          after: audit.after,
        }),
  };
  const cascade = outcome === 'applied' ? audit.cascade : undefined;
  if (cascade && !cascade.complete) {
    request.log.warn(
      { providerId: audit.providerId, pools: cascade.items.length },
      'not every pool of the deleted provider could be read; only those read are in the audit log',
    );
  }
  await store.auditLog.append(cascade ? withCascade(entry, cascade) : [entry]);
}

/**
 * A provider's delete entry naming the pools that went with it (when all
 * could be read), then one entry per pool read with its last values, so
 * the log filtered by a pool's id finds how it ended.
 */
function withCascade(provider: NewAuditEntry, walk: ListWalk) {
  const cascadeAction: AuditAction =
    provider.action === 'delete-certificate-authority'
      ? 'delete-certificate-pool-with-authority'
      : 'delete-pool-with-provider';
  const ids = walk.items
    .map((pool) => record(pool).id)
    .filter((id): id is string => typeof id === 'string');
  const entries: NewAuditEntry[] = [
    walk.complete
      ? {
          ...provider,
          changes: [
            ...provider.changes,
            { field: 'identity_pools', before: ids, after: null },
          ],
        }
      : provider,
  ];
  for (const pool of walk.items) {
    const id = record(pool).id;
    if (typeof id !== 'string') continue;
    entries.push({
      ...provider,
      action: cascadeAction,
      poolId: id,
      changes: auditChanges(cascadeAction, 'applied', {
        requested: undefined,
        before: pool,
      }),
    });
  }
  return entries;
}

/**
 * A signed-in client hammering writes past its rate limit would otherwise
 * add an entry per attempt: only the first refusal of each window is
 * recorded (the window's end is the 429's Retry-After). Counted in the
 * store, so a client spreading its attempts over replicas is recorded
 * once too.
 */
async function firstRefusalOfWindow(
  store: LifeguardStore,
  client: string,
  reply: FastifyReply,
): Promise<boolean> {
  const seconds = Number(reply.getHeader('retry-after')) || 60;
  const { count } = await store.counters.hit(
    `audit-rate-limited:${client}`,
    seconds * 1000,
  );
  return count === 1;
}

const TARGET_LIMIT = 300;

/** The path as sent (for a refused target, its text cut short), without the query. */
function targetOf(request: FastifyRequest): string {
  const sent = request.originalUrl;
  const queryAt = sent.indexOf('?');
  const path = queryAt === -1 ? sent : sent.slice(0, queryAt);
  return path.length > TARGET_LIMIT ? `${path.slice(0, TARGET_LIMIT)}…` : path;
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
    void fail(
      request,
      reply,
      400,
      parsed.error.issues.map((issue) => ({
        code: 'invalid_parameter',
        title: 'Bad Request',
        detail: `${String(issue.path[0])} ${issue.message}.`,
        parameter: String(issue.path[0]),
      })),
    );
    return undefined;
  }
  const query = normalised(parsed.data);
  // The export's policy is for admins already; the list is open to every
  // signed-in user for one object's history only.
  if (!query.pool_id && !canWrite(request.user?.role)) {
    void fail(request, reply, 403, {
      code: 'forbidden_role',
      title: 'Forbidden',
      detail:
        "The organisation's audit log is for admins; any signed-in user can read one pool's or group mapping's history.",
    });
    return undefined;
  }
  return query;
}

const EXPORT_BATCH = 500;

/** GET /api/lifeguard/audit (pages) and /api/lifeguard/audit/export (JSON Lines). */
export function auditRoutes(app: FastifyInstance, store: LifeguardStore) {
  app.get(
    AUDIT_API.list,
    { config: { policy: API_SIGNED_IN } },
    async (request, reply) => {
      const query = parseQuery(request, reply);
      if (!query) return reply;
      const size = query.page_size ?? AUDIT_PAGE_SIZE;
      const rows = await store.auditLog.list(query, size + 1);
      const data = rows.slice(0, size);
      return {
        data,
        next: rows.length > size ? (data.at(-1)?.id ?? null) : null,
      };
    },
  );

  app.get(
    AUDIT_API.export,
    { config: { policy: API_ADMIN } },
    async (request, reply) => {
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
          const batch = await store.auditLog.list(
            { ...query, before },
            EXPORT_BATCH,
          );
          for (const entry of batch) yield `${JSON.stringify(entry)}\n`;
          if (batch.length < EXPORT_BATCH) return;
          before = batch.at(-1)!.id;
        }
      }
      return reply.send(Readable.from(lines()));
    },
  );
}
