import { CRL_UPLOADED_PLACEHOLDER } from '#contract/bodies.ts';
import { buildCrn } from '#contract/crn.ts';
import type { CertificateAuthorityRecord } from './certificate-authority-store.ts';
import type { CertificatePoolRecord } from './certificate-pool-store.ts';
import { formatMicros } from './clock.ts';
import type { GroupMappingRecord } from './group-mapping-store.ts';
import {
  poolCrn,
  providerCrn,
  resourceHead,
  type ResourceContext,
} from './resources.ts';

/**
 * How SSO group mappings, certificate authorities and certificate pools
 * are written in answers (docs/confluent-api.md §27–§29).
 */

export function groupMappingPath(id: string): string {
  return `/iam/v2/sso/group-mappings/${id}`;
}

/** As recorded: `crn://confluent.cloud/organization=<org>/group-mapping=<id>`. */
export function groupMappingCrn(orgId: string, id: string): string {
  return `${buildCrn({ organization: orgId })}/group-mapping=${id}`;
}

export function certificateAuthorityPath(id: string): string {
  return `/iam/v2/certificate-authorities/${id}`;
}

/**
 * A certificate authority's CRN, written as an identity provider's
 * (`…/identity-provider=op-…`), as the public API reference writes it:
 * it is one in the Console and shares the `op-` ids
 * (docs/decisions/018-federation-objects-in-the-emulator.md).
 */
export function certificateAuthorityCrn(orgId: string, id: string): string {
  return providerCrn(orgId, id);
}

export function certificatePoolPath(authorityId: string, id: string): string {
  return `${certificateAuthorityPath(authorityId)}/identity-pools/${id}`;
}

/** `…/identity-provider=<CA>/identity-pool=<pool>`: where a ResourceOwner of the pool is bound. */
export function certificatePoolCrn(
  orgId: string,
  authorityId: string,
  id: string,
): string {
  return poolCrn(orgId, authorityId, id);
}

export function groupMappingResource(
  mapping: GroupMappingRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    ...resourceHead({ apiVersion: 'iam/v2', kind: 'GroupMapping' }, mapping, {
      self: `${baseUrl}${groupMappingPath(mapping.id)}`,
      resourceName: groupMappingCrn(orgId, mapping.id),
    }),
    display_name: mapping.displayName,
    description: mapping.description,
    filter: mapping.filter,
    principal: mapping.id,
    state: mapping.state,
  };
}

// No CRL, no CRL fields; a URL is never fetched here, so it has no
// refresh time (docs/decisions/018).
function crlFields(authority: CertificateAuthorityRecord) {
  const { crl } = authority;
  if (!crl) return {};
  return crl.source === 'LOCAL'
    ? {
        crl_source: 'LOCAL',
        crl_url: CRL_UPLOADED_PLACEHOLDER,
        crl_updated_at: formatMicros(crl.updatedAt),
      }
    : { crl_source: 'URL', crl_url: crl.url };
}

/** The chain and an uploaded CRL are never returned; what was computed from them is. */
export function certificateAuthorityResource(
  authority: CertificateAuthorityRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    ...resourceHead(
      { apiVersion: 'iam/v2', kind: 'CertificateAuthority' },
      authority,
      {
        self: `${baseUrl}${certificateAuthorityPath(authority.id)}`,
        resourceName: certificateAuthorityCrn(orgId, authority.id),
      },
    ),
    display_name: authority.displayName,
    description: authority.description,
    fingerprints: authority.certificates.map((each) => each.fingerprint),
    expiration_dates: authority.certificates.map((each) => each.expiresAt),
    serial_numbers: authority.certificates.map((each) => each.serialNumber),
    certificate_chain_filename: authority.chainFilename,
    ...crlFields(authority),
    require_crl_on_client_certificate: authority.requireCrl,
    state: authority.state,
  };
}

export function certificatePoolResource(
  pool: CertificatePoolRecord,
  { baseUrl, orgId }: ResourceContext,
) {
  return {
    ...resourceHead(
      { apiVersion: 'iam/v2', kind: 'CertificateIdentityPool' },
      pool,
      {
        self: `${baseUrl}${certificatePoolPath(pool.certificateAuthorityId, pool.id)}`,
        resourceName: certificatePoolCrn(
          orgId,
          pool.certificateAuthorityId,
          pool.id,
        ),
      },
    ),
    display_name: pool.displayName,
    description: pool.description,
    external_identifier: pool.externalIdentifier,
    filter: pool.filter,
    principal: pool.id,
    state: pool.state,
  };
}
