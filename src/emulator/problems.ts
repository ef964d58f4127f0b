import type { FailureItem } from '#contract/errors.ts';

/**
 * An answer other than success, thrown by a route and written by the app's
 * error handler, which adds X-Request-Id and each error's id.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

/** Shape A (`{"errors":[…]}`), the declared format. */
export class FailureProblem extends ApiProblem {
  readonly items: FailureItem[];

  constructor(
    status: number,
    items: FailureItem[],
    headers: Record<string, string> = {},
  ) {
    super(status, undefined, headers);
    this.items = items;
  }
}

export function badParameter(
  parameter: string,
  detail: string,
): FailureProblem {
  return new FailureProblem(400, [
    { code: 'invalid_parameter', title: 'Bad Request', detail, parameter },
  ]);
}

export function badRequest(detail: string): FailureProblem {
  return new FailureProblem(400, [
    { code: 'bad_request', title: 'Bad Request', detail },
  ]);
}

/** One error per field with its `source.pointer`: 422, or 400 where the live service answers so. */
export function validationFailed(
  fields: { pointer: string; detail: string }[],
  status: 400 | 422 = 422,
): FailureProblem {
  return new FailureProblem(
    status,
    fields.map((field) => ({
      code: 'invalid_configuration',
      title: 'Validation Failed',
      ...field,
    })),
  );
}

/** Shape B (`{"error_code":404,"message":…}`): what the live service sends for 404s. */
export function notFound(message: string): ApiProblem {
  return new ApiProblem(404, { error_code: 404, message });
}

/**
 * A 404 in the declared shape (`{"errors":[…]}`), which the newer IAM
 * APIs answer where pools and providers answer shape B; `code` and `title`
 * default to "not_found" and "Not Found".
 */
export function notFoundFailure(
  detail: string,
  { code = 'not_found', title = 'Not Found' } = {},
): FailureProblem {
  return new FailureProblem(404, [{ code, title, detail }]);
}

/**
 * Shape B with a finer code, as the role-binding service answers: 40002 for
 * a grant it refuses, 40301 for a binding that is gone or hidden.
 */
export function errorCode(
  status: number,
  code: number,
  message: string,
): ApiProblem {
  return new ApiProblem(status, { error_code: code, message });
}

/** 403 in the declared shape: the credential may not do this, or may not see what it names. */
export function forbidden(detail: string): FailureProblem {
  return new FailureProblem(403, [
    { code: 'user_unauthorized', title: 'Forbidden', detail },
  ]);
}

export function quotaExceeded(quota: string, limit: number): FailureProblem {
  return new FailureProblem(402, [
    {
      code: 'quota_exceeded',
      title: 'Over Quota',
      // The Confluent CLI recognises quota errors by "is currently limited to".
      detail: `Quota ${quota} exceeded: ${quota} is currently limited to ${limit}`,
    },
  ]);
}

/**
 * Refuses a create that would pass `quota` (402), given how many the
 * parent holds now. Call it inside the create's transaction, so two
 * creates cannot both take the last place.
 */
export function requireUnderQuota(
  quota: string,
  limit: number,
  used: number,
): void {
  if (used >= limit) throw quotaExceeded(quota, limit);
}

export function conflict(detail: string, location: string): FailureProblem {
  return new FailureProblem(
    409,
    [
      {
        code: 'resource_already_exists',
        title: 'Resource Already Exists',
        detail,
      },
    ],
    { location },
  );
}
