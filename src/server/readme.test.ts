import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SERVER_VARIABLES } from './config.ts';

const readme = readFileSync(
  new URL('../../README.md', import.meta.url),
  'utf8',
);
const documented = new Set(
  [...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)`/gm)].map((match) => match[1]),
);

test('the README configuration table lists every variable the server reads', () => {
  const missing = SERVER_VARIABLES.map(([name]) => name).filter(
    (name) => !documented.has(name),
  );
  expect(missing).toEqual([]);
});

test('the keyless variables mean in the README what --help says they mean', () => {
  const rows = new Map(
    [...readme.matchAll(/^\| `([A-Z0-9_]+)` +\|[^|]*\| (.*?) +\|$/gm)].map(
      (match) => [match[1], match[2]!.replaceAll('`', '')],
    ),
  );
  const keyless = SERVER_VARIABLES.filter(([name]) =>
    name.startsWith('CONFLUENT_CLOUD_OAUTH_'),
  );
  expect(keyless).toHaveLength(7);
  for (const [name, , meaning] of keyless) {
    expect(rows.get(name), name).toBe(meaning);
  }
});

test('the README lists every npm script', () => {
  const scripts = Object.keys(
    (
      JSON.parse(
        readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
      ) as { scripts: Record<string, string> }
    ).scripts,
  );
  const missing = scripts.filter(
    (name) =>
      !readme.includes(`\`npm run ${name}`) &&
      !readme.includes(`\`npm ${name}\``) &&
      !readme.includes(`\`${name}\``),
  );
  expect(missing).toEqual([]);
});
