import { expect, test } from 'vitest';
import { checkFilter } from './check.ts';
import { filterConstrains } from './constraints.ts';
import { claimPaths, FILTER_TEMPLATES } from './templates.ts';

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
