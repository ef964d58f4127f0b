import type { FastifyRequest } from 'fastify';
import type { EmulatorConfig } from './config.ts';
import type { FaultInjector } from './faults.ts';
import type { PageTokens } from './page-token.ts';
import type { RateLimiter } from './rate-limiter.ts';
import type { ResourceContext } from './resources.ts';
import type { Store } from './store.ts';
import type { JwksCache } from './sts/jwks-cache.ts';
import type { TestIdentityProvider } from './test-idp/identity-provider.ts';

/** What every route of the emulator works with. */
export type EmulatorContext = {
  config: EmulatorConfig;
  store: Store;
  tokens: PageTokens;
  limiter: RateLimiter;
  faults: FaultInjector;
  /** The identity providers' keys as the STS last read them. */
  jwks: JwksCache;
  testIdp: TestIdentityProvider;
};

/** Absolute links use the address the client called, unless a public URL is set. */
export function resourceContext(
  context: EmulatorContext,
  request: FastifyRequest,
): ResourceContext {
  return {
    baseUrl:
      context.config.publicUrl ?? `${request.protocol}://${request.host}`,
    orgId: context.config.orgId,
  };
}
