import { decodeCertificate } from '#filter/certificate.ts';
import { derToPem, pemBlocks, sha1Fingerprint } from './pem.ts';

/** One certificate of a chain about to be registered, as far as it decodes. */
export type ChainEntry = {
  position: number;
  /** The subject DN (RFC 4514), when decoded. */
  subject?: string;
  issuer?: string;
  /** `notAfter`, RFC 3339. */
  expiresAt?: string;
  /** Upper-case hex, as openssl prints it. */
  serialNumber?: string;
  /** SHA-1 of the DER, as openssl prints it. */
  fingerprint?: string;
  /** Why this block could not be read as a certificate. */
  problem?: string;
};

/**
 * The certificates of a PEM chain, in order, decoded in the browser (the
 * filter module's certificate decoder, one block at a time). Never throws;
 * an empty list for text with no certificate.
 */
export async function describeChain(pem: string): Promise<ChainEntry[]> {
  const blocks = pemBlocks(pem).filter(
    (block) => block.label === 'CERTIFICATE',
  );
  return Promise.all(
    blocks.map(async (block, index): Promise<ChainEntry> => {
      const position = index + 1;
      if (block.der === undefined) {
        return { position, problem: 'Not valid base64 text.' };
      }
      const fingerprint = await sha1Fingerprint(block.der);
      const decoded = decodeCertificate(derToPem(block.der, 'CERTIFICATE'));
      if (!decoded.ok) {
        return { position, fingerprint, problem: decoded.error };
      }
      return {
        position,
        fingerprint,
        subject: decoded.subjectText,
        issuer: decoded.issuerText,
        expiresAt: decoded.notAfter.toISOString(),
        serialNumber: decoded.serialNumber.toUpperCase(),
      };
    }),
  );
}
