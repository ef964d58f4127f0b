import {
  compileFilter,
  lookupClaim,
  type ConditionResult,
} from '#filter/evaluate.ts';
import { extractIdentity } from '#filter/identity.ts';
import type { PoolRecord } from '../store.ts';
import type { Checked } from './subject-token.ts';

/**
 * What the pool itself asks of a verified token: a value for its identity
 * claim, then its filter, evaluated by the console's own filter module, so
 * the console's testers and the STS cannot disagree. No message repeats a
 * claim's value: the filter's words name claims and their types only.
 */

// A condition's text is the pool's own filter; long ones are cut.
const SHOWN = 100;

/** The value of the pool's identity claim in `claims`. */
export function poolIdentity(
  pool: PoolRecord,
  claims: Record<string, unknown>,
): Checked<string> {
  const identity = extractIdentity(pool.identityClaim, claims);
  if (identity.ok) return { ok: true, value: identity.identity };
  const path = pool.identityClaim.replace(/^claims\./, '').split('.');
  const present = lookupClaim(claims, path).found;
  return {
    ok: false,
    detail: !present
      ? `subject_token has no ${pool.identityClaim} claim, which identity pool ${pool.id} names as its identity claim`
      : `subject_token's ${pool.identityClaim} claim, which identity pool ${pool.id} names as its identity claim, is not a non-empty string`,
  };
}

function described(condition: ConditionResult): string {
  const text =
    condition.text.length > SHOWN
      ? `${condition.text.slice(0, SHOWN)}…`
      : condition.text;
  return condition.result === 'error'
    ? `${text} (${condition.error})`
    : `${text} (false)`;
}

/** Whether the pool's filter lets `claims` in; if not, which conditions did not hold. */
export function matchPoolFilter(
  pool: PoolRecord,
  claims: Record<string, unknown>,
): Checked<null> {
  const evaluation = compileFilter(pool.filter, 'identity-pool')(claims);
  if (!evaluation.ok) {
    return {
      ok: false,
      detail: `The filter of identity pool ${pool.id} is not valid, so no token matches it`,
    };
  }
  if (evaluation.matches) return { ok: true, value: null };
  const failed = evaluation.conditions.filter(
    (condition) => condition.result !== 'true',
  );
  const which =
    failed.length === 0
      ? ''
      : `; not true: ${failed.slice(0, 3).map(described).join('; ')}${failed.length > 3 ? `; and ${failed.length - 3} more` : ''}`;
  return {
    ok: false,
    detail: `The token's claims do not match the filter of identity pool ${pool.id}${which}`,
  };
}
