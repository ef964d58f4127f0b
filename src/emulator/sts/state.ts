import type { EmulatorConfig } from '../config.ts';
import type { Store } from '../store.ts';
import {
  TEST_IDP_JWKS_URI,
  TestIdentityProvider,
} from '../test-idp/identity-provider.ts';
import { isDeniedHost } from '../validation.ts';
import { JwksCache } from './jwks-cache.ts';
import { fetchJwks } from './jwks-fetch.ts';

/** What the STS and the test identity provider keep between requests. */
export type StsState = { jwks: JwksCache; testIdp: TestIdentityProvider };

export function createStsState(config: EmulatorConfig, store: Store): StsState {
  const testIdp = new TestIdentityProvider(store);
  const jwks = new JwksCache(
    (uri) =>
      fetchJwks(uri, {
        control: config.control,
        isDenied: (host) => isDeniedHost(config, host),
        // The reserved name never resolves; its keys are the test IdP's.
        local: (wanted) =>
          wanted === TEST_IDP_JWKS_URI ? testIdp.jwks() : undefined,
      }),
    () => store.now(),
  );
  return { jwks, testIdp };
}
