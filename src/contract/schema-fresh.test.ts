import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { expect, test } from 'vitest';

// Each document and the types `npm run gen:api` generates from it.
const GENERATED = [
  { spec: 'openapi.yaml', schema: 'schema.d.ts' },
  { spec: 'lifeguard-openapi.yaml', schema: 'lifeguard-schema.d.ts' },
];

// Reproduces `npm run gen:api` in memory, for example:
//   openapi-typescript src/contract/openapi.yaml -o src/contract/schema.d.ts
//   prettier --write src/contract/schema.d.ts
// The CLI prepends COMMENT_HEADER to astToString's output, and prettier's CLI
// reads .editorconfig by default, so both are mirrored here to stay
// byte-identical with the committed file.
async function generateSchema(spec: string, schema: string): Promise<string> {
  const schemaPath = fileURLToPath(new URL(`./${schema}`, import.meta.url));
  const ast = await openapiTS(new URL(`./${spec}`, import.meta.url), {
    silent: true,
  });
  const raw = `${COMMENT_HEADER}${astToString(ast)}`;
  const config = await resolveConfig(schemaPath, { editorconfig: true });
  return format(raw, { ...config, filepath: schemaPath });
}

test.each(GENERATED)(
  '$schema is generated from the current $spec',
  async ({ spec, schema }) => {
    const expected = await generateSchema(spec, schema);
    const committed = readFileSync(
      new URL(`./${schema}`, import.meta.url),
      'utf8',
    );
    expect(committed, `${schema} is stale: run npm run gen:api`).toBe(expected);
  },
);
