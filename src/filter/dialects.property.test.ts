import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  builderOperators,
  builderToFilter,
  builderValueKind,
  filterToBuilder,
  isCanonical,
  validateBuilder,
  type BuilderCondition,
  type BuilderGroup,
  type BuilderItem,
} from './builder.ts';
import { checkFilter } from './check.ts';
import {
  CERTIFICATE_ATTRIBUTES,
  FILTER_DIALECTS,
  type FilterDialect,
} from './dialect.ts';
import { evaluateFilter } from './evaluate.ts';
import { lintFilter } from './lint.ts';
import { templatesFor } from './templates.ts';

/**
 * Properties of the group-mapping and certificate-pool dialects; the
 * identity pool's are in builder.test.ts, evaluate.differential.test.ts and
 * lint.test.ts.
 */

const NEW_DIALECTS: FilterDialect[] = ['group-mapping', 'certificate-pool'];

// Quotes, backslashes, operators and other characters that a printer must
// escape, mixed with arbitrary code points.
const valueArb = fc
  .array(
    fc.oneof(
      fc.constantFrom('"', "'", '\\', '\n', ' ', '&&', ')', '//', 'groups'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => parts.join(''));

function conditionArb(dialect: FilterDialect): fc.Arbitrary<BuilderCondition> {
  const variables =
    dialect === 'group-mapping' ? ['groups'] : [...CERTIFICATE_ATTRIBUTES];
  return fc
    .tuple(
      fc.constantFrom(...variables),
      fc.constantFrom(...builderOperators(dialect)),
      valueArb,
      fc.array(valueArb, { minLength: 1, maxLength: 3 }),
    )
    .map(([claim, operator, single, list]) => ({
      kind: 'condition',
      claim,
      operator,
      value: builderValueKind(operator) === 'list' ? list : single,
    }));
}

function groupArb(
  dialect: FilterDialect,
  depth: number,
): fc.Arbitrary<BuilderGroup> {
  const condition = conditionArb(dialect);
  const item: fc.Arbitrary<BuilderItem> =
    depth === 0 ? condition : fc.oneof(condition, groupArb(dialect, depth - 1));
  return fc
    .tuple(
      fc.constantFrom<'all' | 'any'>('all', 'any'),
      fc.array(item, { minLength: 1, maxLength: 4 }),
    )
    .map(([join, items]) => ({ kind: 'group', join, items }));
}

const modelArb = fc
  .constantFrom(...NEW_DIALECTS)
  .chain((dialect) => fc.tuple(fc.constant(dialect), groupArb(dialect, 2)));

test('property: builder models print valid filters that read back to themselves', () => {
  fc.assert(
    fc.property(modelArb, ([dialect, model]) => {
      expect(validateBuilder(model, dialect)).toEqual([]);
      const text = builderToFilter(model, dialect);
      expect(checkFilter(text, dialect)).toEqual({ valid: true });
      const read = filterToBuilder(text, dialect);
      expect(read).toMatchObject({ ok: true, canonical: text });
      if (!read.ok) return;
      expect(builderToFilter(read.model, dialect)).toBe(text);
      expect(isCanonical(text, dialect)).toBe(true);
    }),
    { numRuns: 400 },
  );
});

// Fragments of the three dialects, so generated text is sometimes valid in
// one of them and often almost valid.
const fragmentArb = fc.constantFrom(
  'groups',
  'claims.sub',
  'CN',
  'OU',
  'cn',
  '"v"',
  "'w'",
  '==',
  '!=',
  ' in ',
  '["a", "b"]',
  '!',
  '(',
  ')',
  ' && ',
  ' || ',
  '.startsWith("p")',
  '.exists(g, g == "a")',
  'size(',
  '1',
  'true',
  'false',
  '// c\n',
);

const sourceArb = fc.oneof(
  fc.array(fragmentArb, { maxLength: 12 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

const inputArb = fc.oneof(
  fc.record({ groups: fc.array(fc.constantFrom('a', 'v', 'w', 'p')) }),
  fc.dictionary(
    fc.constantFrom(...CERTIFICATE_ATTRIBUTES, 'cn'),
    fc.constantFrom('v', 'w', 'pq', ''),
  ),
  fc.anything(),
);

test('property: checking and linting never throw, in any dialect', () => {
  fc.assert(
    fc.property(
      sourceArb,
      fc.constantFrom(...FILTER_DIALECTS),
      (source, dialect) => {
        const check = checkFilter(source, dialect);
        if (!check.valid) {
          expect(check.errors.length).toBeGreaterThan(0);
          for (const error of check.errors) {
            expect(error.message).not.toBe('');
            expect(error.from).toBeGreaterThanOrEqual(0);
            expect(error.to).toBeLessThanOrEqual(source.length);
          }
        }
        for (const diagnostic of lintFilter(source, { dialect })) {
          expect(diagnostic.to).toBeLessThanOrEqual(source.length);
        }
      },
    ),
    { numRuns: 1500 },
  );
});

test('property: evaluation never throws and agrees with the check', () => {
  fc.assert(
    fc.property(
      sourceArb,
      inputArb,
      fc.constantFrom(...FILTER_DIALECTS),
      (source, input, dialect) => {
        const evaluation = evaluateFilter(source, input, dialect);
        expect(evaluation.ok).toBe(checkFilter(source, dialect).valid);
        if (!evaluation.ok) return;
        expect(evaluation.conditions.length).toBeGreaterThan(0);
        // A filter matches only when its conditions say so.
        if (evaluation.matches) {
          expect(
            evaluation.conditions.some(({ result }) => result === 'true'),
          ).toBe(true);
        }
      },
    ),
    { numRuns: 1500 },
  );
});

test('property: templates are valid in their dialect, and only there', () => {
  for (const dialect of FILTER_DIALECTS) {
    for (const template of templatesFor(dialect)) {
      expect(checkFilter(template.filter, dialect)).toEqual({ valid: true });
      for (const other of FILTER_DIALECTS.filter((d) => d !== dialect)) {
        expect(checkFilter(template.filter, other).valid).toBe(false);
      }
    }
  }
});
