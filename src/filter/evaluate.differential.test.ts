import { parse } from '@marcbachmann/cel-js';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { parseFilterAst } from './ast.ts';
import type { FilterNode } from './ast.ts';
import { checkFilter } from './check.ts';
import { claimPath } from './claim-path.ts';
import { compileFilter, formatClaimPath, lookupClaim } from './evaluate.ts';

// Differential tests: our compiler against cel-js, CEL's reference here, on
// filters generated from the dialect's grammar. A failure prints fast-check's
// seed and shrunk counterexample; rerun one with FILTER_DIFF_SEED=<seed>.
const SEED = Number(process.env.FILTER_DIFF_SEED ?? 1508);

type Outcome = 'true' | 'false' | 'error';

/** Our verdict on the whole filter, rebuilt from its top-level conditions. */
function ours(source: string, claims: unknown): Outcome {
  const evaluation = compileFilter(source)(claims);
  if (!evaluation.ok) return 'error';
  const results = evaluation.conditions.map((condition) => condition.result);
  if (evaluation.matches) return 'true';
  // With error absorption an `&&` chain is false if any operand is, and an
  // `||` chain (the only other root that is not matched) only if all are.
  const isOr = results.length > 1 && isOrRoot(source);
  if (isOr) return results.every((r) => r === 'false') ? 'false' : 'error';
  return results.includes('false') ? 'false' : 'error';
}

function isOrRoot(source: string): boolean {
  const root = parse(source).ast;
  return root.op === '||';
}

function theirs(
  evaluate: (context: Record<string, unknown>) => unknown,
  claims: unknown,
): Outcome {
  try {
    const value = evaluate({ claims });
    if (value === true) return 'true';
    if (value === false) return 'false';
    return 'error';
  } catch {
    return 'error';
  }
}

/**
 * Whether evaluating `source` tests a value that is not a string for a key
 * of an object claim (`claims.n in claims.ext` with a number `n`). cel-js
 * looks the key up with JavaScript's `in`, so `1 in {"1": …}` is true and an
 * object key can throw; a JSON object has only string keys, so in CEL (and
 * in our evaluator) such a key is not there. Those tokens are left out.
 */
function testsNonStringKey(source: string, claims: unknown): boolean {
  const parsed = parseFilterAst(source);
  if (!parsed.ok) return false;
  const pending: FilterNode[] = [parsed.root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    switch (node.kind) {
      case 'binary':
        if (node.op === 'in' && isNonStringKey(node.left, node.right, claims)) {
          return true;
        }
        pending.push(node.left, node.right);
        break;
      case 'unary':
        pending.push(node.operand);
        break;
      default:
        break;
    }
  }
  return false;
}

function isNonStringKey(
  key: FilterNode,
  container: FilterNode,
  claims: unknown,
): boolean {
  const keyPath = claimPath(key);
  const containerPath = claimPath(container);
  if (keyPath === undefined || containerPath === undefined) return false;
  const found = lookupClaim(claims, keyPath);
  const map = lookupClaim(claims, containerPath);
  return (
    found.found &&
    typeof found.value !== 'string' &&
    map.found &&
    typeof map.value === 'object' &&
    map.value !== null &&
    !Array.isArray(map.value)
  );
}

// Claim names and values are drawn from small pools so filters and tokens
// collide often: most comparisons then meet a present claim of some type.
// Names of Object.prototype (`constructor`, `__proto__`, `toString`) are left
// out: cel-js reads `constructor` to type a value, so it refuses a token
// with such a claim. evaluate.test.ts covers them for our evaluator.
const NAMES = [
  'sub',
  'aud',
  'groups',
  'ext',
  'n',
  'flag',
  'nothing',
  'tenant-id',
  'in',
  '',
  'é',
] as const;

const STRINGS = [
  'kafka',
  'Kafka',
  'kaf',
  'billing',
  'sub',
  'ext',
  '',
  'é',
  'e\u0301',
  '😀',
  'a"b',
  "it's",
  '\\',
] as const;

const NUMBERS = [0, -0, 1, 1.5, 42, -7, 1e21] as const;

const claimValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>(
  (tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...STRINGS),
      fc.constantFrom(...NUMBERS),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.dictionary(fc.constantFrom(...NAMES, ...STRINGS), tie('value'), {
        maxKeys: 4,
      }),
    ),
  }),
).value;

// Tokens are JSON objects; every claim may be missing.
const claimSet = fc.record(
  Object.fromEntries(NAMES.map((name) => [name, claimValue])),
  { requiredKeys: [] },
);

type QuoteStyle = 'double' | 'single' | 'escaped';

function quote(value: string, style: QuoteStyle): string {
  if (style === 'escaped') {
    let text = '';
    for (const char of value) {
      const hex = (char.codePointAt(0) ?? 0).toString(16).padStart(4, '0');
      text += hex.length > 4 ? `\\U${hex.padStart(8, '0')}` : `\\u${hex}`;
    }
    return `"${text}"`;
  }
  const json = JSON.stringify(value);
  if (style === 'double') return json;
  return `'${json.slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

const stringLiteral = fc
  .tuple(
    fc.constantFrom(...STRINGS),
    fc.constantFrom<QuoteStyle>('double', 'single', 'escaped'),
  )
  .map(([value, style]) => quote(value, style));

// Mostly top-level claims; deeper paths through random tokens are mostly
// absent, which is an error and says little about the operators.
const name = fc.constantFrom(...NAMES);
const path = fc.oneof(
  { arbitrary: fc.tuple(name), weight: 4 },
  { arbitrary: fc.tuple(name, name), weight: 2 },
  { arbitrary: fc.tuple(name, name, name), weight: 1 },
);

/** A claim reference, with dots where allowed or brackets either way. */
const claimRef = fc
  .tuple(path, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }))
  .map(([segments, brackets]) => {
    let text = 'claims';
    segments.forEach((segment, i) => {
      const dotted = formatClaimPath([segment]).slice('claims'.length);
      text +=
        brackets[i] === true || !dotted.startsWith('.')
          ? `[${JSON.stringify(segment)}]`
          : dotted;
    });
    return text;
  });

// has() needs a dotted last segment. Its parent is dotted too: cel-js
// refuses `has(claims["a"].b)` at run time ("has() invalid argument"), which
// CEL allows; our evaluator treats it as `has(claims.a.b)` (tested below).
const hasCall = path
  .filter((segments) => isDotted(formatClaimPath(segments)))
  .map((segments) => `has(${formatClaimPath(segments)})`);

function isDotted(claim: string): boolean {
  return !claim.includes('[');
}

const operand = fc.oneof(claimRef, claimRef, stringLiteral);

const comparison = fc
  .tuple(operand, fc.constantFrom('==', '!='), operand)
  .map(([a, op, b]) => `${a} ${op} ${b}`);

const inList = fc
  .tuple(operand, fc.array(stringLiteral, { maxLength: 3 }))
  .map(([a, items]) => `${a} in [${items.join(', ')}]`);

const inClaim = fc
  .tuple(operand, claimRef)
  .map(([a, claim]) => `${a} in ${claim}`);

const stringMethod = fc
  .tuple(
    claimRef,
    fc.constantFrom('startsWith', 'endsWith', 'contains'),
    stringLiteral,
  )
  .map(([claim, method, argument]) => `${claim}.${method}(${argument})`);

const atom = fc.oneof(
  comparison,
  comparison,
  inList,
  inClaim,
  hasCall,
  stringMethod,
  fc.constantFrom('true', 'false'),
);

const condition: fc.Arbitrary<string> = fc.letrec<{ condition: string }>(
  (tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      atom,
      tie('condition').map((c) => `!(${c})`),
      atom.map((a) => `!${a}`),
      fc
        .tuple(tie('condition'), fc.constantFrom('&&', '||'), tie('condition'))
        .map(([a, op, b]) => `${a} ${op} ${b}`),
      tie('condition').map((c) => `(${c})`),
    ),
  }),
).condition;

// Only filters the subset accepts are compared; the generator rarely strays
// (a string compared with a string, `!` on a comparison without parentheses).
const acceptedFilter = condition.filter((source) => checkFilter(source).valid);

test('the evaluator agrees with cel-js on generated filters and tokens', () => {
  fc.assert(
    fc.property(
      acceptedFilter,
      fc.array(claimSet, { minLength: 1, maxLength: 6 }),
      (source, tokens) => {
        const celEvaluate = parse(source);
        for (const claims of tokens) {
          if (testsNonStringKey(source, claims)) continue;
          const expected = theirs(celEvaluate, claims);
          expect(
            ours(source, claims),
            `${source} on ${JSON.stringify(claims)}`,
          ).toBe(expected);
        }
      },
    ),
    { seed: SEED, numRuns: 4_000 },
  );
});

test('has() with a bracketed parent tests the same field as with dots', () => {
  // The generated filters leave this shape out because cel-js refuses it.
  fc.assert(
    fc.property(claimSet, (claims) => {
      for (const [bracketed, dotted] of [
        ['has(claims["ext"].sub)', 'has(claims.ext.sub)'],
        ['!has(claims["ext"]["n"].aud)', '!has(claims.ext.n.aud)'],
        ['has(claims.ext["groups"].sub)', 'has(claims.ext.groups.sub)'],
      ] as const) {
        expect(ours(bracketed, claims), JSON.stringify(claims)).toBe(
          theirs(parse(dotted), claims),
        );
      }
    }),
    { seed: SEED, numRuns: 300 },
  );
});
