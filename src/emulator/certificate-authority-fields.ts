import {
  CRL_UPLOADED_PLACEHOLDER,
  type CertificateAuthorityUpdateBody,
} from '#contract/bodies.ts';
import type {
  CertificateAuthorityFields,
  CertificateAuthorityRecord,
  CrlRecord,
} from './certificate-authority-store.ts';
import {
  checkCrl,
  parseCertificateChain,
  type CertificateChain,
} from './certificate-chain.ts';
import type { Micros } from './clock.ts';
import { throwIfAny, type FieldError } from './validation.ts';

/**
 * What a create or a PUT of a certificate authority stores, from its body
 * and, for a PUT, what is stored now (docs/confluent-api.md §28). Every
 * field problem is a 422 with its pointer; a CRL is checked only against a
 * chain that parsed.
 */

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function isCrlUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

// The chain the body brings, or the stored one when a PUT leaves it out
// (the CLI cannot read it back, so it never sends it unchanged).
function chainOf(
  body: CertificateAuthorityUpdateBody,
  current: CertificateAuthorityRecord | undefined,
  errors: FieldError[],
): { pem: string; filename: string; parsed: CertificateChain } | undefined {
  const pem = body.certificate_chain ?? current?.chainPem;
  if (pem === undefined) {
    errors.push({
      pointer: '/certificate_chain',
      detail: 'certificate_chain is required',
    });
    return undefined;
  }
  const parsed = parseCertificateChain(pem);
  if (!parsed.ok) {
    errors.push({ pointer: '/certificate_chain', detail: parsed.detail });
    return undefined;
  }
  const filename =
    body.certificate_chain_filename ?? current?.chainFilename ?? '';
  return { pem, filename, parsed: parsed.value };
}

/**
 * The CRL the body asks for. `crl_chain` wins over `crl_url` when both are
 * sent, as the vendor's spec says; `crl_url` sent back as "Local file
 * uploaded" keeps the uploaded CRL; neither (or both empty) means none,
 * unless the chain names a distribution point, which the service fills
 * in.
 */
function crlOf(
  body: CertificateAuthorityUpdateBody,
  current: CertificateAuthorityRecord | undefined,
  chain: CertificateChain,
  now: () => Micros,
  errors: FieldError[],
): CrlRecord | undefined {
  const crlChain = nonEmpty(body.crl_chain);
  if (crlChain !== undefined) {
    const checked = checkCrl(crlChain, chain);
    if (!checked.ok) {
      errors.push({ pointer: '/crl_chain', detail: checked.detail });
      return undefined;
    }
    return { source: 'LOCAL', pem: crlChain, updatedAt: now() };
  }
  const crlUrl = nonEmpty(body.crl_url);
  if (crlUrl === CRL_UPLOADED_PLACEHOLDER) {
    const uploaded = current?.crl?.source === 'LOCAL' ? current.crl : undefined;
    if (uploaded) {
      // A new chain must still have issued the CRL kept with it.
      if (checkCrl(uploaded.pem, chain).ok) return uploaded;
      errors.push({
        pointer: '/crl_chain',
        detail:
          'The uploaded CRL was not issued by a certificate authority of the new chain; upload a CRL from the new chain as crl_chain',
      });
      return undefined;
    }
    errors.push({
      pointer: '/crl_url',
      detail: `crl_url "${CRL_UPLOADED_PLACEHOLDER}" keeps an uploaded CRL, but this certificate authority has none; send the CRL as crl_chain`,
    });
    return undefined;
  }
  if (crlUrl !== undefined) {
    if (!isCrlUrl(crlUrl)) {
      errors.push({
        pointer: '/crl_url',
        detail: `crl_url must be an absolute http:// or https:// URL (got "${crlUrl}")`,
      });
      return undefined;
    }
    return current?.crl?.source === 'URL' && current.crl.url === crlUrl
      ? current.crl
      : { source: 'URL', url: crlUrl };
  }
  return chain.distributionPoint === undefined
    ? undefined
    : { source: 'URL', url: chain.distributionPoint };
}

// Since 2026-06-05 a CRL can be newly configured only with the flag on
// (docs/confluent-api.md §28.2); one configured before may stay without
// it, and so may the distribution point the service read from the chain.
function isNewlyConfigured(
  crl: CrlRecord | undefined,
  current: CertificateAuthorityRecord | undefined,
  chain: CertificateChain,
): boolean {
  if (crl === undefined || crl === current?.crl) return false;
  return !(crl.source === 'URL' && crl.url === chain.distributionPoint);
}

/** The fields to store, or a 422 naming every problem with its pointer. */
export function certificateAuthorityFields(
  body: CertificateAuthorityUpdateBody,
  current: CertificateAuthorityRecord | undefined,
  now: () => Micros,
): CertificateAuthorityFields {
  const errors: FieldError[] = [];
  const chain = chainOf(body, current, errors);
  const crl = chain && crlOf(body, current, chain.parsed, now, errors);
  const requireCrl = body.require_crl_on_client_certificate ?? false;
  if (chain && !requireCrl && isNewlyConfigured(crl, current, chain.parsed)) {
    errors.push({
      pointer: '/require_crl_on_client_certificate',
      detail:
        'A new CRL can be configured only with require_crl_on_client_certificate set to true (Confluent enforces CRL checks fail-closed since 2026-06-05)',
    });
  }
  throwIfAny(errors);
  return {
    displayName: body.display_name,
    description: body.description,
    chainPem: chain!.pem,
    chainFilename: chain!.filename,
    certificates: chain!.parsed.certificates,
    crl,
    requireCrl,
  };
}
