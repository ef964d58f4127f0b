/** How a pasted group list was read. */
export type GroupListFormat = 'json' | 'saml' | 'lines' | 'commas' | 'single';

export type GroupListReading =
  | {
      ok: true;
      /** Each group once, in the order first given. */
      groups: string[];
      format: GroupListFormat;
      /** The SAML attribute the groups were read from, when it was chosen by name. */
      attribute?: string;
      /** How many repeated names were dropped. */
      duplicates: number;
    }
  | { ok: false; message: string };

/** What each format is called in a sentence: "read as …". */
export const GROUP_LIST_FORMAT_LABELS: Record<GroupListFormat, string> = {
  json: 'a JSON array',
  saml: 'a SAML assertion',
  lines: 'one group per line',
  commas: 'comma-separated',
  single: 'a single group',
};

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeXmlText(text: string): string {
  return text.replace(
    /&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi,
    (whole, name: string) => {
      const lower = name.toLowerCase();
      if (lower.startsWith('#x')) {
        return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
      }
      if (lower.startsWith('#')) {
        return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
      }
      return ENTITIES[lower] ?? whole;
    },
  );
}

// `Attribute\b` matches neither AttributeValue nor AttributeStatement.
const ATTRIBUTE =
  /<(?:[\w.-]+:)?Attribute\b([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?Attribute\s*>/g;
const ATTRIBUTE_VALUE =
  /<(?:[\w.-]+:)?AttributeValue\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?AttributeValue\s*>/g;
const NAME = /\bName\s*=\s*(?:"([^"]*)"|'([^']*)')/;

function attributeValues(xml: string): string[] {
  return [...xml.matchAll(ATTRIBUTE_VALUE)].map((match) =>
    decodeXmlText(match[1]!).trim(),
  );
}

/** The groups of a SAML assertion (or a piece of one). */
function readSaml(
  text: string,
): { values: string[]; attribute?: string } | { message: string } {
  const attributes = [...text.matchAll(ATTRIBUTE)].map((match) => {
    const name = NAME.exec(match[1]!);
    return {
      name: decodeXmlText(name?.[1] ?? name?.[2] ?? ''),
      values: attributeValues(match[2]!),
    };
  });
  if (attributes.length === 0) return { values: attributeValues(text) };
  if (attributes.length === 1) {
    return { values: attributes[0]!.values, attribute: attributes[0]!.name };
  }
  // The organisation designates one attribute for groups; most call it
  // "groups", some "memberOf" or a URI ending in "groups".
  const named = attributes.filter(({ name }) => /group|memberof/i.test(name));
  if (named.length === 1) {
    return { values: named[0]!.values, attribute: named[0]!.name };
  }
  const names = attributes.map(({ name }) => name || '(unnamed)').join(', ');
  return {
    message: `The assertion has ${attributes.length} attributes (${names}) and Lifeguard cannot tell which holds the groups: paste only the values of the groups attribute.`,
  };
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// A name pasted from a filter or a CSV keeps its quotes: they are not part
// of the group's name.
function unquote(text: string): string {
  const trimmed = text.trim();
  return /^"[^"]*"$/.test(trimmed) || /^'[^']*'$/.test(trimmed)
    ? trimmed.slice(1, -1)
    : trimmed;
}

function unique(values: readonly string[], format: GroupListFormat) {
  const groups = [...new Set(values)];
  return { groups, duplicates: values.length - groups.length, format };
}

/**
 * Reads a list of SSO groups as people paste it: a JSON array of strings
 * (taken exactly, spaces included), a SAML assertion or its
 * `AttributeValue` elements (the groups attribute's values), one group per
 * line, or comma-separated on one line. In the last two, spaces around each
 * name and quotes around it are dropped and empty entries skipped; a group
 * whose name holds a comma (an LDAP DN) must be on a line of its own.
 * Undefined when nothing but spaces was typed; `[]` is the list of no
 * groups.
 */
export function parseGroupList(text: string): GroupListReading | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;

  if (trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(trimmed);
    } catch {
      return {
        ok: false,
        message:
          'This starts like a JSON array but is not valid JSON. Write it as ["engineering", "devops"], or put one group per line.',
      };
    }
    if (!Array.isArray(parsed)) {
      return { ok: false, message: 'A JSON list of groups must be an array.' };
    }
    const wrong = parsed.findIndex((item) => typeof item !== 'string');
    if (wrong !== -1) {
      return {
        ok: false,
        message: `Every group in the JSON array must be a string; item ${wrong + 1} is ${describeJsonValue(parsed[wrong])}.`,
      };
    }
    return { ok: true, ...unique(parsed as string[], 'json') };
  }

  if (/<(?:[\w.-]+:)?AttributeValue\b/.test(trimmed)) {
    const saml = readSaml(trimmed);
    if ('message' in saml) return { ok: false, message: saml.message };
    const values = saml.values.filter((value) => value !== '');
    return {
      ok: true,
      ...unique(values, 'saml'),
      ...(saml.attribute ? { attribute: saml.attribute } : {}),
    };
  }

  const lines = trimmed
    .split(/\r\n|\r|\n/)
    .map(unquote)
    .filter((line) => line !== '');
  if (lines.length > 1) return { ok: true, ...unique(lines, 'lines') };

  if (trimmed.includes(',')) {
    const items = trimmed
      .split(',')
      .map(unquote)
      .filter((item) => item !== '');
    return { ok: true, ...unique(items, 'commas') };
  }

  const single = unquote(trimmed);
  return { ok: true, ...unique(single === '' ? [] : [single], 'single') };
}
