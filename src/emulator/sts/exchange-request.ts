import type { FailureItem } from '#contract/errors.ts';
import { FailureProblem } from '../problems.ts';
import { STS_MAX_EXPIRES_IN } from './access-tokens.ts';
import { formValue, REPEATED } from './form-body.ts';

export const TOKEN_EXCHANGE_GRANT =
  'urn:ietf:params:oauth:grant-type:token-exchange';
export const JWT_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
export const ACCESS_TOKEN_TYPE =
  'urn:ietf:params:oauth:token-type:access_token';

/** What a token exchange asks for, its form read and checked. */
export type ExchangeRequest = {
  subjectToken: string;
  poolId: string;
  /** Seconds, 1 to {@link STS_MAX_EXPIRES_IN}. */
  expiresIn: number;
};

// Ids are opaque but short and plain (docs/confluent-api.md §4); anything
// else is not echoed, in case it is a token pasted into the wrong field.
const POOL_ID = /^[A-Za-z0-9_-]{1,255}$/;
const SECONDS = /^[0-9]{1,9}$/;

type Field = {
  name: string;
  required: boolean;
  /** Why the value is wrong, or undefined when it is right. */
  check: (value: string) => string | undefined;
};

function exactly(name: string, expected: string): Field {
  return {
    name,
    required: true,
    check: (value) =>
      value === expected ? undefined : `${name} must be ${expected}`,
  };
}

// In the order the spec lists them, so errors read in that order.
const FIELDS: Field[] = [
  exactly('grant_type', TOKEN_EXCHANGE_GRANT),
  { name: 'subject_token', required: true, check: () => undefined },
  {
    name: 'identity_pool_id',
    required: true,
    check: (value) =>
      POOL_ID.test(value)
        ? undefined
        : 'identity_pool_id must be the id of an identity pool, such as pool-AzXR',
  },
  exactly('subject_token_type', JWT_TOKEN_TYPE),
  exactly('requested_token_type', ACCESS_TOKEN_TYPE),
  {
    name: 'expires_in',
    required: false,
    check: (value) => {
      const seconds = SECONDS.test(value) ? Number(value) : NaN;
      return seconds >= 1 && seconds <= STS_MAX_EXPIRES_IN
        ? undefined
        : `expires_in must be a whole number of seconds from 1 to ${STS_MAX_EXPIRES_IN}: the STS grants a token for at most ${STS_MAX_EXPIRES_IN} s`;
    },
  },
];

function fieldError(parameter: string, detail: string): FailureItem {
  return { code: 'invalid_parameter', title: 'Bad Request', detail, parameter };
}

/**
 * Reads a token exchange's form; every missing, repeated or wrong field is
 * one error of a 400 naming it (`source.parameter`). Other fields, such as
 * the read-only `api_version` and `kind` the SDK can send, are ignored.
 * No detail repeats a value sent.
 */
export function readExchangeRequest(form: URLSearchParams): ExchangeRequest {
  const values = new Map<string, string>();
  const errors: FailureItem[] = [];
  for (const field of FIELDS) {
    const value = formValue(form, field.name);
    if (value === undefined) {
      if (field.required) {
        errors.push(fieldError(field.name, `${field.name} is required`));
      }
      continue;
    }
    if (value === REPEATED) {
      errors.push(
        fieldError(field.name, `${field.name} is sent more than once`),
      );
      continue;
    }
    const problem = field.check(value);
    if (problem) errors.push(fieldError(field.name, problem));
    else values.set(field.name, value);
  }
  const subjectToken = values.get('subject_token');
  const poolId = values.get('identity_pool_id');
  if (errors.length > 0 || !subjectToken || !poolId) {
    throw new FailureProblem(400, errors);
  }
  return {
    subjectToken,
    poolId,
    expiresIn: Number(values.get('expires_in') ?? STS_MAX_EXPIRES_IN),
  };
}
