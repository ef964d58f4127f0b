import {
  autocompletion,
  pickedCompletion,
  startCompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult,
} from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import {
  CERTIFICATE_ATTRIBUTE_NAMES,
  CERTIFICATE_ATTRIBUTES,
  DEFAULT_DIALECT,
  type FilterDialect,
} from '#filter/dialect.ts';
import { formatClaimPath, lookupClaim } from '#filter/evaluate.ts';
import { REGISTERED_CLAIMS } from '#filter/templates.ts';

const METHODS = ['startsWith', 'endsWith', 'contains'];
const OPERATORS: Record<FilterDialect, readonly string[]> = {
  'identity-pool': ['==', '!=', 'in', '&&', '||'],
  // Group mappings test membership only.
  'group-mapping': ['in', '&&', '||'],
  'certificate-pool': ['==', '!=', 'in', '&&', '||'],
};
const MAX_NESTED_DEPTH = 3;
const MAX_CLAIM_OPTIONS = 200;

// `claims`, then `.name` or `["name"]` steps, then the dot being completed.
const CLAIM_PATH =
  /(?<![\w.])claims((?:\s*\.\s*[A-Za-z_]\w*|\s*\[\s*(?:"[^"\\]*"|'[^'\\]*')\s*\])*)\s*\.\s*(\w*)$/;
const PATH_STEP = /\.\s*([A-Za-z_]\w*)|\[\s*(?:"([^"\\]*)"|'([^'\\]*)')\s*\]/g;

// A subject attribute, then the dot being completed.
const ATTRIBUTE_DOT = new RegExp(
  `(?<![\\w.])(${CERTIFICATE_ATTRIBUTES.join('|')})\\s*\\.\\s*(\\w*)$`,
);

/**
 * Completion for the filter editor; `readSampleClaims` gives the sample
 * token's claims (in a certificate pool, a sample subject) of the moment
 * (the list is built each time it opens).
 */
export function filterCompletion(
  readSampleClaims: () => unknown,
  dialect: FilterDialect = DEFAULT_DIALECT,
): Extension {
  return autocompletion({
    override: [
      (context) => completeFilter(context, readSampleClaims(), dialect),
    ],
  });
}

/**
 * What fits at the cursor: claim names after `claims.` (from the sample
 * token, then the registered JWT claims), string tests after a claim path,
 * operators after an operand, and operands where one is expected. In a
 * group mapping the operands are `groups` and membership tests; in a
 * certificate pool the subject attributes, each followed by its string
 * tests.
 */
export function completeFilter(
  context: CompletionContext,
  sampleClaims: unknown,
  dialect: FilterDialect = DEFAULT_DIALECT,
): CompletionResult | null {
  const before = context.state.sliceDoc(0, context.pos);
  if (insideString(before)) return null;

  const attribute =
    dialect === 'certificate-pool' ? ATTRIBUTE_DOT.exec(before) : null;
  if (attribute !== null) {
    const typed = attribute[2] ?? '';
    return {
      from: context.pos - typed.length,
      options: methodOptions(true),
      validFor: /^\w*$/,
    };
  }

  const path = dialect === 'identity-pool' ? CLAIM_PATH.exec(before) : null;
  if (path !== null) {
    const typed = path[2] ?? '';
    const steps = [...(path[1] ?? '').matchAll(PATH_STEP)].map(
      (step) => step[1] ?? step[2] ?? step[3] ?? '',
    );
    return {
      from: context.pos - typed.length,
      options: claimOptions(steps, sampleClaims),
      validFor: /^\w*$/,
    };
  }

  const operator = context.matchBefore(/[=!&|]+/);
  if (operator !== null) {
    if (!endsOperand(before.slice(0, operator.from).trimEnd())) return null;
    return {
      from: operator.from,
      options: operatorOptions(dialect),
      validFor: /^[=!&|]*$/,
    };
  }

  const word = context.matchBefore(/[A-Za-z_]\w*/);
  if (word === null && !context.explicit) return null;
  const from = word?.from ?? context.pos;
  const preceding = before.slice(0, from).trimEnd();
  return {
    from,
    options: endsOperand(preceding)
      ? operatorOptions(dialect)
      : operandOptions(dialect, sampleClaims),
    validFor: /^\w*$/,
  };
}

/** Whether `text` ends inside a string literal. */
function insideString(text: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote !== undefined) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      if (end < 0) return true;
      i = end;
    }
  }
  return quote !== undefined;
}

/** Whether `text` ends with a complete operand, so an operator comes next. */
function endsOperand(text: string): boolean {
  if (/(?<![\w.])in$/.test(text)) return false;
  return /["')\]\w]$/.test(text);
}

function claimOptions(steps: string[], sampleClaims: unknown): Completion[] {
  const options = new Map<string, Completion>();
  const add = (name: string, completion: Completion) => {
    if (!options.has(name) && options.size < MAX_CLAIM_OPTIONS) {
      options.set(name, completion);
    }
  };
  const found =
    steps.length === 0
      ? { found: true as const, value: sampleClaims }
      : lookupClaim(sampleClaims, steps);
  const target = found.found ? found.value : undefined;

  if (isRecord(target)) {
    for (const [name, value] of Object.entries(target)) {
      add(name, claimOption(name, describeSample(value), 2));
    }
    for (const [name, value] of nestedPaths(target, MAX_NESTED_DEPTH)) {
      add(name, claimOption(name, describeSample(value), 1));
    }
  }
  if (steps.length === 0) {
    for (const name of REGISTERED_CLAIMS) {
      add(name, claimOption(name, 'JWT claim', 0));
    }
  } else {
    for (const option of methodOptions(typeof target === 'string')) {
      add(option.label, option);
    }
  }
  return [...options.values()];
}

/** The string tests, first in the list when the value is known to be a string. */
function methodOptions(isString: boolean): Completion[] {
  return METHODS.map((name) => ({
    label: `${name}("")`,
    type: 'method',
    detail: 'string test',
    boost: isString ? 3 : -1,
    apply: insertText(`${name}("")`, name.length + 2),
  }));
}

function claimOption(name: string, detail: string, boost: number): Completion {
  const dotted = formatClaimPath([name]) === `claims.${name}`;
  return {
    label: name,
    type: 'property',
    detail,
    boost,
    // A name that is not an identifier needs claims["…"]: replace the dot.
    apply: dotted
      ? name
      : (view, completion, from, to) => {
          const insert = `[${JSON.stringify(name)}]`;
          const dot = view.state.sliceDoc(0, from).lastIndexOf('.');
          view.dispatch({
            changes: { from: dot, to, insert },
            selection: { anchor: dot + insert.length },
            annotations: pickedCompletion.of(completion),
            userEvent: 'input.complete',
          });
        },
  };
}

/** `a.b`-style paths into nested objects, through identifier names only. */
function nestedPaths(
  claims: Record<string, unknown>,
  depth: number,
): [string, unknown][] {
  const out: [string, unknown][] = [];
  const visit = (
    object: Record<string, unknown>,
    prefix: string,
    left: number,
  ) => {
    for (const [name, value] of Object.entries(object)) {
      if (formatClaimPath([name]) !== `claims.${name}`) continue;
      const path = prefix === '' ? name : `${prefix}.${name}`;
      if (prefix !== '') out.push([path, value]);
      if (left > 0 && isRecord(value)) visit(value, path, left - 1);
    }
  };
  visit(claims, '', depth);
  return out;
}

function describeSample(value: unknown): string {
  if (typeof value === 'string') {
    const shown = value.length > 24 ? `${value.slice(0, 23)}…` : value;
    return JSON.stringify(shown);
  }
  if (Array.isArray(value)) return `list of ${value.length}`;
  if (isRecord(value)) return 'object';
  return String(value);
}

function operandOptions(
  dialect: FilterDialect,
  sampleClaims: unknown,
): Completion[] {
  switch (dialect) {
    case 'identity-pool':
      return claimOperandOptions();
    case 'group-mapping':
      return groupOperandOptions();
    case 'certificate-pool':
      return attributeOptions(sampleClaims);
  }
}

function groupOperandOptions(): Completion[] {
  return [
    {
      label: '"…" in groups',
      type: 'text',
      detail: 'member of a group',
      apply: insertText('"" in groups', 1),
    },
    {
      label: '!("…" in groups)',
      type: 'text',
      detail: 'not a member',
      apply: insertText('!("" in groups)', 3),
    },
    { label: 'groups', type: 'variable', detail: 'the user’s SSO groups' },
    { label: 'true', type: 'keyword', detail: 'every SSO user' },
  ];
}

/**
 * The subject attributes, with the sample certificate's value where there
 * is one (those come first), else what the attribute is.
 */
function attributeOptions(sampleSubject: unknown): Completion[] {
  const sample = isRecord(sampleSubject) ? sampleSubject : {};
  return [
    ...CERTIFICATE_ATTRIBUTES.map((attribute): Completion => {
      const value = Object.hasOwn(sample, attribute)
        ? sample[attribute]
        : undefined;
      return {
        label: attribute,
        type: 'variable',
        detail:
          value === undefined
            ? CERTIFICATE_ATTRIBUTE_NAMES[attribute]
            : describeSample(value),
        boost: value === undefined ? 0 : 1,
      };
    }),
    { label: 'true', type: 'keyword', detail: 'every certificate' },
  ];
}

function claimOperandOptions(): Completion[] {
  return [
    {
      label: 'claims.',
      type: 'variable',
      detail: 'token claims',
      apply: insertText('claims.', 'claims.'.length, true),
    },
    {
      label: 'has(claims.)',
      type: 'function',
      detail: 'claim present',
      apply: insertText('has(claims.)', 'has(claims.'.length, true),
    },
    { label: 'true', type: 'keyword', detail: 'every token' },
  ];
}

function operatorOptions(dialect: FilterDialect): Completion[] {
  return OPERATORS[dialect].map((operator) => ({
    label: operator,
    type: 'keyword',
    apply: (view, completion, from, to) => {
      const space = /\s$|^$/.test(view.state.sliceDoc(from - 1, from))
        ? ''
        : ' ';
      const insert = `${space}${operator} `;
      view.dispatch({
        changes: { from, to, insert },
        selection: { anchor: from + insert.length },
        annotations: pickedCompletion.of(completion),
        userEvent: 'input.complete',
      });
    },
  }));
}

function insertText(
  text: string,
  cursor: number,
  reopen = false,
): Completion['apply'] {
  return (view, completion, from, to) => {
    view.dispatch({
      changes: { from, to, insert: text },
      selection: { anchor: from + cursor },
      annotations: pickedCompletion.of(completion),
      userEvent: 'input.complete',
    });
    if (reopen) startCompletion(view);
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
