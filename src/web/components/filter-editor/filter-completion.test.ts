import { CompletionContext, type Completion } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { expect, test } from 'vitest';
import type { FilterDialect } from '#filter/dialect.ts';
import { completeFilter } from './filter-completion.ts';

/** What the source offers with the cursor at the end of `text`. */
function complete(
  text: string,
  sampleClaims?: unknown,
  explicit = false,
  dialect: FilterDialect = 'identity-pool',
) {
  const state = EditorState.create({ doc: text });
  return completeFilter(
    new CompletionContext(state, text.length, explicit),
    sampleClaims,
    dialect,
  );
}

function labels(text: string, sampleClaims?: unknown, explicit = false) {
  return complete(text, sampleClaims, explicit)?.options.map(
    (option) => option.label,
  );
}

test('after claims. it offers the sample token’s claims, their nested paths, then the registered ones', () => {
  const result = complete('claims.', {
    tenant: { region: 'eu' },
    groups: ['a', 'b'],
  });
  expect(result?.from).toBe('claims.'.length);
  const options = result?.options ?? [];
  expect(
    options.slice(0, 3).map(({ label, detail, boost }) => ({
      label,
      detail,
      boost,
    })),
  ).toEqual([
    { label: 'tenant', detail: 'object', boost: 2 },
    { label: 'groups', detail: 'list of 2', boost: 2 },
    { label: 'tenant.region', detail: '"eu"', boost: 1 },
  ]);
  expect(options.map((option) => option.label)).toEqual(
    expect.arrayContaining(['sub', 'aud', 'iss', 'preferred_username']),
  );
  expect(options.find((option) => option.label === 'sub')).toMatchObject({
    detail: 'JWT claim',
    boost: 0,
  });
});

test('without a sample token the registered claims are offered, each once', () => {
  const names = labels('claims.') ?? [];
  expect(names).toContain('sub');
  expect(new Set(names).size).toBe(names.length);
  // A sample claim of the same name is not listed twice.
  expect(
    labels('claims.', { sub: 'svc-1' })?.filter((name) => name === 'sub'),
  ).toEqual(['sub']);
});

test('the part of the name already typed is replaced, and typing on keeps the list', () => {
  const result = complete('claims.aud == "x" && claims.pre');
  expect(result?.from).toBe('claims.aud == "x" && claims.'.length);
  expect(result?.validFor).toEqual(/^\w*$/);
});

test('after a claim path it offers the string tests, first when the sample value is a string', () => {
  const sample = { sub: 'svc-1', tenant: { id: 7 } };
  const afterString = complete('claims.sub.', sample)?.options ?? [];
  expect(afterString.map((option) => option.label).sort()).toEqual([
    'contains("")',
    'endsWith("")',
    'startsWith("")',
  ]);
  expect(afterString.every((option) => option.boost === 3)).toBe(true);
  // Not a string in the sample: still offered, but after the claim names.
  const afterObject = complete('claims["tenant"].', sample)?.options ?? [];
  expect(afterObject.map((option) => option.label)).toEqual([
    'id',
    'startsWith("")',
    'endsWith("")',
    'contains("")',
  ]);
  expect(afterObject.at(-1)?.boost).toBe(-1);
});

test('nothing is offered inside a string or a comment', () => {
  expect(complete('claims.sub == "claims.')).toBeNull();
  expect(complete("claims.sub == 'a\\' claims.")).toBeNull();
  expect(complete('true // claims.')).toBeNull();
  // A closed string is not inside one.
  expect(labels('claims.sub == "x" && claims.')).toContain('sub');
});

test('after an operand come operators; where an operand is due come operands', () => {
  expect(labels('claims.sub ', undefined, true)).toEqual([
    '==',
    '!=',
    'in',
    '&&',
    '||',
  ]);
  expect(labels('claims.sub =')).toEqual(['==', '!=', 'in', '&&', '||']);
  expect(labels('claims.sub == "x" && ', undefined, true)).toEqual([
    'claims.',
    'has(claims.)',
    'true',
  ]);
  // `in` wants its list or claim next, not another operator.
  expect(labels('"kafka" in ', undefined, true)).toEqual([
    'claims.',
    'has(claims.)',
    'true',
  ]);
  // Typing nothing in particular opens nothing unless asked.
  expect(complete('claims.sub == "x" && ')).toBeNull();
});

/** Applies `option` as picking it from the list would. */
function pick(text: string, option: Completion, from: number) {
  const view = new EditorView({ doc: text });
  const { apply } = option;
  if (typeof apply === 'function') apply(view, option, from, text.length);
  else
    view.dispatch({
      changes: { from, to: text.length, insert: apply ?? option.label },
    });
  const result = {
    doc: view.state.doc.toString(),
    cursor: view.state.selection.main.head,
  };
  view.destroy();
  return result;
}

test('a claim name that is not an identifier is written as claims["…"]', () => {
  const result = complete('claims.ht', { 'https://x/roles': ['a'] });
  const option = result?.options.find((o) => o.label === 'https://x/roles');
  expect(option).toBeDefined();
  expect(pick('claims.ht', option!, result!.from)).toEqual({
    doc: 'claims["https://x/roles"]',
    cursor: 'claims["https://x/roles"]'.length,
  });
});

test('a string test lands with the cursor between its quotes; an operator gets spaces', () => {
  const tests = complete('claims.sub.', { sub: 'svc' });
  const startsWith = tests?.options.find((o) => o.label === 'startsWith("")');
  expect(pick('claims.sub.', startsWith!, tests!.from)).toEqual({
    doc: 'claims.sub.startsWith("")',
    cursor: 'claims.sub.startsWith("'.length,
  });

  const operators = complete('claims.sub ', undefined, true);
  const equals = operators?.options.find((o) => o.label === '==');
  expect(pick('claims.sub ', equals!, operators!.from)).toEqual({
    doc: 'claims.sub == ',
    cursor: 'claims.sub == '.length,
  });
});

// --- Other dialects ------------------------------------------------------------

function dialectLabels(text: string, dialect: FilterDialect, sample?: unknown) {
  return complete(text, sample, true, dialect)?.options.map(
    (option) => option.label,
  );
}

test('group mappings offer membership tests, `groups` and `true`, never claims', () => {
  expect(dialectLabels('', 'group-mapping')).toEqual([
    '"…" in groups',
    '!("…" in groups)',
    'groups',
    'true',
  ]);
  expect(dialectLabels('"a" in groups ', 'group-mapping')).toEqual([
    'in',
    '&&',
    '||',
  ]);
  expect(
    complete('claims.', undefined, true, 'group-mapping')?.options,
  ).not.toContainEqual(expect.objectContaining({ label: 'sub' }));
});

test('a membership test lands with the cursor inside the group name', () => {
  const result = complete('', undefined, true, 'group-mapping');
  const option = result?.options[0];
  expect(pick('', option!, result!.from)).toEqual({
    doc: '"" in groups',
    cursor: 1,
  });
});

test('certificate pools offer the attributes, the sample’s values first', () => {
  const options =
    complete('', { CN: 'orders-svc' }, true, 'certificate-pool')?.options ?? [];
  expect(options.map((option) => option.label)).toEqual([
    'CN',
    'L',
    'ST',
    'O',
    'OU',
    'C',
    'STREET',
    'DC',
    'UID',
    'true',
  ]);
  expect(options[0]).toMatchObject({ detail: '"orders-svc"', boost: 1 });
  expect(options[4]).toMatchObject({ detail: 'organizational unit', boost: 0 });
  expect(dialectLabels('CN.', 'certificate-pool')?.sort()).toEqual([
    'contains("")',
    'endsWith("")',
    'startsWith("")',
  ]);
  expect(dialectLabels('CN ', 'certificate-pool')).toEqual([
    '==',
    '!=',
    'in',
    '&&',
    '||',
  ]);
});
