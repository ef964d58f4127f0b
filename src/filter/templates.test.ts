import { expect, test } from 'vitest';
import { checkFilter } from './check.ts';
import { filterConstrains } from './constraints.ts';
import { FILTER_DIALECTS } from './dialect.ts';
import { lintFilter } from './lint.ts';
import { claimPaths, FILTER_TEMPLATES, templatesFor } from './templates.ts';

test.each(FILTER_TEMPLATES.map((t) => [t.id, t] as const))(
  'template %s is a valid filter that passes the shared-issuer rule',
  (_id, template) => {
    expect(checkFilter(template.filter)).toEqual({ valid: true });
    expect(filterConstrains(template.filter, ['sub', 'aud'])).toBe(true);
    expect(template.identityClaim).toMatch(/^claims\./);
    expect(template.filter.length).toBeLessThanOrEqual(300);
  },
);

test('claim paths include nested ones and skip arrays and deep cycles', () => {
  expect(
    claimPaths({
      sub: 'a',
      ext: { uid: 'u', team: { name: 'x' } },
      aud: ['k'],
    }),
  ).toEqual(['sub', 'ext', 'ext.uid', 'ext.team', 'ext.team.name', 'aud']);
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = cyclic;
  expect(claimPaths(cyclic).length).toBeLessThan(20);
  expect(claimPaths(null)).toEqual([]);
});

test.each(
  FILTER_DIALECTS.flatMap((dialect) =>
    templatesFor(dialect).map((t) => [dialect, t.id, t] as const),
  ),
)('%s template %s is valid and draws no warning', (dialect, _id, template) => {
  expect(checkFilter(template.filter, dialect)).toEqual({ valid: true });
  expect(template.filter.length).toBeLessThanOrEqual(300);
  if (dialect === 'identity-pool') return;
  // The placeholders in angle brackets are the only thing left to fill in.
  expect(lintFilter(template.filter, { dialect })).toEqual([]);
  expect(template.filter).toMatch(/<[^>]+>/);
});

test('each dialect offers its own templates, with unique ids', () => {
  expect(templatesFor('identity-pool')).toBe(FILTER_TEMPLATES);
  const ids = FILTER_DIALECTS.flatMap((dialect) =>
    templatesFor(dialect).map((template) => template.id),
  );
  expect(new Set(ids).size).toBe(ids.length);
  expect(templatesFor('group-mapping').length).toBeGreaterThanOrEqual(3);
  expect(templatesFor('certificate-pool').length).toBeGreaterThanOrEqual(3);
});
