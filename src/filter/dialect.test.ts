import { expect, test } from 'vitest';
import { DEFAULT_FILTER_MAX_LENGTH } from '#contract/bodies.ts';
import {
  CERTIFICATE_ATTRIBUTES,
  DIALECTS,
  FILTER_DIALECTS,
  describeDialect,
  isCertificateAttribute,
} from './dialect.ts';
import { checkFilter } from './check.ts';

test('every dialect shares the contract’s default length limit', () => {
  for (const dialect of FILTER_DIALECTS) {
    expect(DIALECTS[dialect].maxLength).toBe(DEFAULT_FILTER_MAX_LENGTH);
  }
});

test('each description is about its own dialect and its example is valid', () => {
  for (const dialect of FILTER_DIALECTS) {
    const description = describeDialect(dialect);
    expect(description.dialect).toBe(dialect);
    expect(checkFilter(description.example, dialect)).toEqual({ valid: true });
  }
});

test('only a certificate pool accepts an empty filter', () => {
  expect(FILTER_DIALECTS.filter((d) => DIALECTS[d].emptyAllowed)).toEqual([
    'certificate-pool',
  ]);
});

test('certificate attributes are the RFC 4514 keywords, case-sensitive', () => {
  expect(CERTIFICATE_ATTRIBUTES).toEqual([
    'CN',
    'L',
    'ST',
    'O',
    'OU',
    'C',
    'STREET',
    'DC',
    'UID',
  ]);
  expect(isCertificateAttribute('CN')).toBe(true);
  expect(isCertificateAttribute('cn')).toBe(false);
  expect(isCertificateAttribute('E')).toBe(false);
});
