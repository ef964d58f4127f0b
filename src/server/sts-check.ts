import type { FastifyInstance } from 'fastify';
import { errors, request as send, type Dispatcher } from 'undici';
import { z } from 'zod';
import type { FailureItem } from '#contract/errors.ts';
import {
  POOL_ID_PATTERN,
  STS_CHECK_API,
  STS_CHECK_EXPIRES_IN,
  STS_CHECK_TOKEN_MAX_LENGTH,
  STS_REFUSAL_STATUSES,
  type StsCheckResult,
} from '#contract/sts-check.ts';
import { API_SIGNED_IN } from './endpoint.ts';
import { fail } from './failure.ts';
import { logUpstreamFailure } from './forward/failures.ts';

export type StsCheckOptions = {
  /** The emulator's base URL, without trailing slash. */
  endpoint: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
};

const STS_PATH = '/sts/v1/oauth2/token';
// A reply or a refusal is a few hundred bytes; anything far larger is not
// the STS.
const MAX_ANSWER_BYTES = 64 * 1024;
const MAX_REASON_LENGTH = 2_000;

// Messages never quote the input: it may be a credential.
const inputSchema = z.object(
  {
    identity_pool_id: z
      .string({
        error: 'identity_pool_id is required: the pool to exchange into.',
      })
      .regex(POOL_ID_PATTERN, {
        error: 'identity_pool_id must be a pool id such as pool-AzXR.',
      }),
    subject_token: z
      .string({ error: 'subject_token is required: the JWT to exchange.' })
      .min(1, { error: 'subject_token must not be empty.' })
      .max(STS_CHECK_TOKEN_MAX_LENGTH, {
        error: `subject_token must be at most ${STS_CHECK_TOKEN_MAX_LENGTH / 1024} KiB.`,
      }),
  },
  {
    error: 'Send a JSON object with identity_pool_id and subject_token.',
  },
);

const replySchema = z.object({ expires_in: z.number().int().positive() });
const failureSchema = z.object({
  errors: z.array(
    z.object({ detail: z.string().optional(), title: z.string().optional() }),
  ),
});

class AnswerTooLarge extends Error {}

type StsAnswer = {
  status: number;
  retryAfter: string | undefined;
  body: unknown;
};

async function askSts(
  options: StsCheckOptions,
  input: z.infer<typeof inputSchema>,
  requestId: string,
): Promise<StsAnswer> {
  const response = await send(`${options.endpoint}${STS_PATH}`, {
    method: 'POST',
    dispatcher: options.dispatcher,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    // The STS takes no credential: the subject token is one.
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      'x-request-id': requestId,
    },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
      subject_token: input.subject_token,
      identity_pool_id: input.identity_pool_id,
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      requested_token_type: 'urn:ietf:params:oauth:token-type:access_token',
      expires_in: String(STS_CHECK_EXPIRES_IN),
    }).toString(),
  });
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_ANSWER_BYTES) {
      response.body.destroy();
      throw new AnswerTooLarge();
    }
    chunks.push(chunk);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    body = undefined;
  }
  const retryAfter = response.headers['retry-after'];
  return {
    status: response.statusCode,
    retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
    body,
  };
}

/** The STS's own words, without the token should it ever quote it. */
function reasonOf(body: unknown, status: number, token: string): string {
  const parsed = failureSchema.safeParse(body);
  const details = parsed.success
    ? parsed.data.errors
        .map((item) => item.detail ?? item.title)
        .filter((text): text is string => !!text?.trim())
    : [];
  const text = details.length
    ? [...new Set(details)].join(' ')
    : `The STS refused the exchange (HTTP ${status}) without saying why.`;
  return text.split(token).join('[the token]').slice(0, MAX_REASON_LENGTH);
}

function unreachable(error: unknown, origin: string, timeoutMs: number) {
  const isTimeout =
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError ||
    error instanceof errors.ConnectTimeoutError;
  return isTimeout
    ? {
        status: 504,
        item: {
          code: 'upstream_timeout',
          title: 'Gateway Timeout',
          detail: `The emulator’s STS at ${origin} did not answer within ${timeoutMs / 1000} s.`,
        },
      }
    : {
        status: 502,
        item: {
          code: 'upstream_unreachable',
          title: 'Bad Gateway',
          detail:
            error instanceof AnswerTooLarge
              ? `The emulator at ${origin} answered with more than ${MAX_ANSWER_BYTES / 1024} KiB, which is not an STS answer.`
              : `Lifeguard could not reach the emulator’s STS at ${origin}.`,
        },
      };
}

/**
 * POST /api/lifeguard/sts-check, registered only while the upstream is the
 * embedded emulator: sends a pasted token to the emulator's STS and answers
 * whether it was exchanged. Open to viewers (testing a token changes
 * nothing, so no audit entry); the issued token is dropped here, and neither
 * token is logged.
 */
export function stsCheckRoutes(app: FastifyInstance, options: StsCheckOptions) {
  const origin = new URL(options.endpoint).origin;

  app.post(
    STS_CHECK_API,
    { config: { policy: API_SIGNED_IN } },
    async (request, reply) => {
      const parsed = inputSchema.safeParse(request.body);
      if (!parsed.success) {
        return fail(
          request,
          reply,
          400,
          parsed.error.issues.map((issue) => ({
            code: 'bad_request',
            title: 'Bad Request',
            detail: issue.message,
            ...(issue.path.length
              ? { pointer: `/${issue.path.map(String).join('/')}` }
              : {}),
          })),
        );
      }
      const poolId = parsed.data.identity_pool_id;
      let answer: StsAnswer;
      try {
        answer = await askSts(options, parsed.data, request.id);
      } catch (error) {
        logUpstreamFailure(request, error, undefined);
        const { status, item } = unreachable(error, origin, options.timeoutMs);
        return fail(request, reply, status, item);
      }

      const exchanged = replySchema.safeParse(answer.body);
      if (answer.status === 200 && exchanged.success) {
        request.log.info({ poolId, exchanged: true }, 'STS check');
        const result: StsCheckResult = {
          exchanged: true,
          expiresIn: exchanged.data.expires_in,
        };
        return result;
      }
      const refusal = STS_REFUSAL_STATUSES.find(
        (status) => status === answer.status,
      );
      if (refusal !== undefined) {
        request.log.info(
          { poolId, exchanged: false, stsStatus: answer.status },
          'STS check',
        );
        const result: StsCheckResult = {
          exchanged: false,
          status: refusal,
          reason: reasonOf(
            answer.body,
            answer.status,
            parsed.data.subject_token,
          ),
        };
        return result;
      }
      request.log.warn(
        { poolId, stsStatus: answer.status },
        'STS check failed',
      );
      if (answer.status === 429) {
        const wait = /^\d{1,6}$/.test(answer.retryAfter ?? '')
          ? answer.retryAfter!
          : '1';
        reply.header('retry-after', wait);
        return fail(request, reply, 429, {
          code: 'sts_rate_limited',
          title: 'Too Many Requests',
          detail: `The emulator’s STS is limiting requests; try again in ${wait} s.`,
        });
      }
      return fail(request, reply, 502, stsFailed(answer.status));
    },
  );
}

function stsFailed(status: number): FailureItem {
  return {
    code: 'sts_failed',
    title: 'Bad Gateway',
    detail:
      status === 404
        ? `The emulator has no STS (it answered HTTP 404 to POST ${STS_PATH}).`
        : `The emulator’s STS answered HTTP ${status}, not an exchange or a refusal.`,
  };
}
