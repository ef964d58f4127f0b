import { expectTypeOf, test } from 'vitest';
import type { AuditEntry, AuditPage, AuditQuery } from './audit.ts';
import type { SessionInfo } from './auth.ts';
import type { DiscoveryResult } from './discovery.ts';
import type { Failure } from './errors.ts';
import type { components, operations } from './lifeguard-schema.d.ts';
import type { LoginInput } from './login-input.ts';
import type { StsCheckInput, StsCheckResult } from './sts-check.ts';
import type { TestCase, TestCaseInput } from './test-cases.ts';

type Schemas = components['schemas'];

// The shapes are written by hand in src/contract (the server builds and
// checks them there) and described again in lifeguard-openapi.yaml; these
// fail the typecheck, rather than the run, when the two drift apart.
test('lifeguard-openapi.yaml describes the shapes of src/contract', () => {
  expectTypeOf<Schemas['SessionInfo']>().toEqualTypeOf<SessionInfo>();
  expectTypeOf<Schemas['LoginInput']>().toEqualTypeOf<LoginInput>();
  expectTypeOf<Schemas['AuditEntry']>().toEqualTypeOf<AuditEntry>();
  expectTypeOf<Schemas['AuditPage']>().toEqualTypeOf<AuditPage>();
  expectTypeOf<Schemas['TestCaseInput']>().toEqualTypeOf<TestCaseInput>();
  expectTypeOf<Schemas['TestCase']>().toEqualTypeOf<TestCase>();
  expectTypeOf<Schemas['DiscoveryResult']>().toEqualTypeOf<DiscoveryResult>();
  expectTypeOf<Schemas['StsCheckInput']>().toEqualTypeOf<StsCheckInput>();
  expectTypeOf<Schemas['StsCheckResult']>().toEqualTypeOf<StsCheckResult>();
  expectTypeOf<Schemas['Failure']>().toEqualTypeOf<Failure>();
  expectTypeOf<
    NonNullable<operations['listAuditEntries']['parameters']['query']>
  >().toEqualTypeOf<AuditQuery>();
});
