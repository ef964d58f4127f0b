import { expect, test } from 'vitest';
import { DEFAULT_SHARED_ISSUERS, isSharedIssuer } from './bodies.ts';

test('a shared issuer is recognised whatever its case or trailing slashes, by the console and the emulator alike', () => {
  expect(isSharedIssuer('https://accounts.google.com')).toBe(true);
  expect(isSharedIssuer('https://Accounts.Google.com/')).toBe(true);
  expect(isSharedIssuer('https://token.actions.githubusercontent.com//')).toBe(
    true,
  );
  expect(isSharedIssuer('https://acme.okta.com/oauth2/default')).toBe(false);
  expect(isSharedIssuer('https://accounts.google.com.evil.example')).toBe(
    false,
  );
  // The emulator passes its configured list (EMULATOR_SHARED_ISSUERS).
  expect(isSharedIssuer('https://idp.example/', ['https://idp.example'])).toBe(
    true,
  );
  expect(
    isSharedIssuer(DEFAULT_SHARED_ISSUERS[0]!, ['https://idp.example']),
  ).toBe(false);
});
