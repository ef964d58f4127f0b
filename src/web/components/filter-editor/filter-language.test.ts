import { ensureSyntaxTree } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { expect, test } from 'vitest';
import type { FilterDialect } from '#filter/dialect.ts';
import { filterLanguageFor, lintEditorSource } from './filter-language.ts';

/** The tokens of `doc` as the editor highlights them: [text, kind]. */
function tokens(doc: string, dialect: FilterDialect = 'identity-pool') {
  const state = EditorState.create({
    doc,
    extensions: [filterLanguageFor(dialect)],
  });
  const tree = ensureSyntaxTree(state, doc.length, 5_000);
  const found: [string, string][] = [];
  tree?.iterate({
    enter: (node) => {
      if (node.from === node.to || node.type.isTop) return;
      found.push([doc.slice(node.from, node.to), node.name]);
    },
  });
  return found;
}

test('claims, paths, calls, strings, operators and comments each get their own kind', () => {
  expect(tokens('claims.sub.startsWith("svc") && true // x')).toEqual([
    ['claims', 'variableName.special'],
    ['.', 'derefOperator'],
    ['sub', 'propertyName'],
    ['.', 'derefOperator'],
    ['startsWith', 'variableName.function'],
    ['(', 'paren'],
    ['"svc"', 'string'],
    [')', 'paren'],
    ['&&', 'logicOperator'],
    ['true', 'bool'],
    ['// x', 'lineComment'],
  ]);
});

test('a string runs to its own closing quote, past escaped ones, prefix included', () => {
  expect(tokens(String.raw`claims["a\"b"] != r'x'`)).toEqual([
    ['claims', 'variableName.special'],
    ['[', 'squareBracket'],
    [String.raw`"a\"b"`, 'string'],
    [']', 'squareBracket'],
    ['!=', 'compareOperator'],
    ["r'x'", 'string'],
  ]);
  expect(tokens('"kafka" in claims.aud, 3, null')).toEqual([
    ['"kafka"', 'string'],
    ['in', 'operatorKeyword'],
    ['claims', 'variableName.special'],
    ['.', 'derefOperator'],
    ['aud', 'propertyName'],
    [',', 'separator'],
    ['3', 'number'],
    [',', 'separator'],
    ['null', 'null'],
  ]);
});

test('an empty or blank filter has no findings; anything else is linted', () => {
  expect(lintEditorSource('', {})).toEqual([]);
  expect(lintEditorSource('  \n ', {})).toEqual([]);
  expect(
    lintEditorSource('claims.sub.matches("x")', {}).map(
      ({ severity, from, to }) => ({ severity, from, to }),
    ),
  ).toEqual([{ severity: 'error', from: 11, to: 23 }]);
});

test('each dialect’s variables stand out, and only its own', () => {
  expect(tokens('"ops" in groups', 'group-mapping')).toEqual([
    ['"ops"', 'string'],
    ['in', 'operatorKeyword'],
    ['groups', 'variableName.special'],
  ]);
  expect(tokens("CN == 'a' && cn", 'certificate-pool')).toEqual([
    ['CN', 'variableName.special'],
    ['==', 'compareOperator'],
    ["'a'", 'string'],
    ['&&', 'logicOperator'],
    ['cn', 'variableName'],
  ]);
  expect(tokens('groups')).toEqual([['groups', 'variableName']]);
});
