/**
 * Reading PEM text in the browser before it is sent: the blocks it holds,
 * and what is wrong with it as a certificate chain or a revocation list.
 * Confluent checks again and its answer decides; this only spares a round
 * trip, and above all keeps a private key from ever being sent.
 */

/** Confluent's documented limit for one certificate authority's chain. */
export const MAX_CHAIN_CERTIFICATES = 4;

/** One `-----BEGIN <label>-----` block. */
export type PemBlock = {
  label: string;
  /** The block's base64 text, whitespace removed. */
  base64: string;
  /** The decoded bytes, or undefined when the body is not base64. */
  der: Uint8Array | undefined;
};

const BLOCK =
  /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(text: string): Uint8Array | undefined {
  if (text === '' || text.length % 4 !== 0 || !BASE64.test(text)) {
    return undefined;
  }
  try {
    const binary = atob(text);
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** Every PEM block of `text`, in order; text around them is ignored (RFC 7468). */
export function pemBlocks(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const match of text.matchAll(BLOCK)) {
    const [, label = '', body = ''] = match;
    const base64 = body.replace(/\s+/g, '');
    blocks.push({ label, base64, der: decodeBase64(base64) });
  }
  return blocks;
}

function hasUnclosedBlock(text: string, blocks: readonly PemBlock[]) {
  return (text.match(/-----BEGIN /g)?.length ?? 0) !== blocks.length;
}

/** True when the text holds a private key in any PEM flavour. */
export function holdsPrivateKey(text: string): boolean {
  return /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(text);
}

const PRIVATE_KEY_MESSAGE =
  'This holds a private key. A private key must never leave your machine: remove it and keep only the CA certificates.';

/** What is wrong with `text` as a chain of CA certificates, or undefined. */
export function chainProblem(text: string): string | undefined {
  if (holdsPrivateKey(text)) return PRIVATE_KEY_MESSAGE;
  const blocks = pemBlocks(text);
  if (hasUnclosedBlock(text, blocks)) {
    return 'A PEM block has no matching -----END CERTIFICATE----- line.';
  }
  if (blocks.length === 0) {
    return 'No PEM certificate found: the chain is text with -----BEGIN CERTIFICATE----- blocks.';
  }
  const stranger = blocks.findIndex((block) => block.label !== 'CERTIFICATE');
  if (stranger !== -1) {
    return `Block ${stranger + 1} is a ${blocks[stranger]!.label}, not a certificate: the chain holds CA certificates only.`;
  }
  if (blocks.length > MAX_CHAIN_CERTIFICATES) {
    return `Confluent accepts at most ${MAX_CHAIN_CERTIFICATES} certificates in a chain; this holds ${blocks.length}.`;
  }
  const broken = blocks.findIndex((block) => block.der === undefined);
  if (broken !== -1) {
    return `Certificate ${broken + 1} is not valid base64 text.`;
  }
  return undefined;
}

/** The labels a PEM revocation list is written under (RFC 7468, and some tools' `CRL`). */
const CRL_LABELS = ['X509 CRL', 'CRL'];

/** What is wrong with `text` as PEM certificate revocation lists, or undefined. */
export function crlProblem(text: string): string | undefined {
  if (holdsPrivateKey(text)) return PRIVATE_KEY_MESSAGE;
  const blocks = pemBlocks(text);
  if (hasUnclosedBlock(text, blocks)) {
    return 'A PEM block has no matching -----END X509 CRL----- line.';
  }
  if (blocks.length === 0) {
    return 'No PEM revocation list found: the file must hold a -----BEGIN X509 CRL----- block.';
  }
  const stranger = blocks.findIndex(
    (block) => !CRL_LABELS.includes(block.label),
  );
  if (stranger !== -1) {
    return `Block ${stranger + 1} is a ${blocks[stranger]!.label}, not a revocation list.`;
  }
  const broken = blocks.findIndex((block) => block.der === undefined);
  if (broken !== -1) {
    return `Revocation list ${broken + 1} is not valid base64 text.`;
  }
  return undefined;
}

/** DER bytes as PEM text under `label`, 64 characters a line. */
export function derToPem(der: Uint8Array, label: string): string {
  let binary = '';
  for (const byte of der) binary += String.fromCharCode(byte);
  const lines = btoa(binary).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Files larger than this are not read: no chain or CRL Confluent takes is. */
export const MAX_FILE_BYTES = 1024 * 1024;

/**
 * A picked file's text as PEM: PEM files as they are, and binary DER files
 * (a `.crt`, `.cer` or `.crl` often is one) converted to PEM under `label`.
 * Read in the browser with FileReader; nothing is uploaded.
 */
export function readPemFile(file: File, label: string): Promise<string> {
  if (file.size > MAX_FILE_BYTES) {
    return Promise.reject(
      new Error(
        `${file.name} is ${Math.ceil(file.size / 1024)} KiB; a chain or revocation list file is far smaller.`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(new Error(`${file.name} could not be read.`));
    reader.onload = () => {
      const bytes = new Uint8Array(reader.result as ArrayBuffer);
      const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
      // DER starts with a SEQUENCE tag (0x30) and is not text.
      resolve(
        text.includes('-----BEGIN ') || bytes[0] !== 0x30
          ? text
          : derToPem(bytes, label),
      );
    };
    reader.readAsArrayBuffer(file);
  });
}

/** SHA-1 of DER bytes as openssl prints it (`AB:CD:…`), where Web Crypto is available. */
export async function sha1Fingerprint(
  der: Uint8Array,
): Promise<string | undefined> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return undefined;
  try {
    const digest = new Uint8Array(
      await subtle.digest('SHA-1', der as Uint8Array<ArrayBuffer>),
    );
    return Array.from(digest, (byte) =>
      byte.toString(16).padStart(2, '0').toUpperCase(),
    ).join(':');
  } catch {
    return undefined;
  }
}
