import { expect, test } from 'vitest';
import { TEXT_LIMITS } from '#contract/bodies.ts';
import {
  descriptionRule,
  displayNameRule,
  identityClaimRule,
  nameAndDescriptionOf,
} from './form-rules.ts';

function messageOf(result: { error?: { issues: { message: string }[] } }) {
  return result.error?.issues.map((issue) => issue.message);
}

test('a display name must have more than blanks, within the limit', () => {
  expect(displayNameRule.safeParse('apps').success).toBe(true);
  expect(messageOf(displayNameRule.safeParse('  '))).toEqual([
    'Display name is required',
  ]);
  expect(
    messageOf(
      displayNameRule.safeParse('x'.repeat(TEXT_LIMITS.displayName + 1)),
    ),
  ).toEqual([
    `Display name must be at most ${TEXT_LIMITS.displayName} characters`,
  ]);
});

test('a description may be empty, within the limit', () => {
  expect(descriptionRule.safeParse('').success).toBe(true);
  expect(
    messageOf(
      descriptionRule.safeParse('x'.repeat(TEXT_LIMITS.description + 1)),
    ),
  ).toEqual([
    `Description must be at most ${TEXT_LIMITS.description} characters`,
  ]);
});

test('an identity claim is written claims.<name>', () => {
  expect(identityClaimRule.safeParse('claims.sub').success).toBe(true);
  expect(identityClaimRule.safeParse('claims.org.team').success).toBe(true);
  expect(messageOf(identityClaimRule.safeParse(''))).toContain(
    'Identity claim is required',
  );
  expect(messageOf(identityClaimRule.safeParse('sub'))).toEqual([
    'Write the claim as claims.<name>, for example claims.sub',
  ]);
});

test('a record without a description edits it as empty', () => {
  expect(nameAndDescriptionOf({ display_name: 'Okta' })).toEqual({
    display_name: 'Okta',
    description: '',
  });
  expect(
    nameAndDescriptionOf({ display_name: 'Okta', description: 'Staff' }),
  ).toEqual({ display_name: 'Okta', description: 'Staff' });
});
