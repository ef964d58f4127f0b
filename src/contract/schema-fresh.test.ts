import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { expect, test } from 'vitest';

const specUrl = new URL('./openapi.yaml', import.meta.url);
const schemaPath = fileURLToPath(new URL('./schema.d.ts', import.meta.url));

// Reproduces `npm run gen:api` in memory:
//   openapi-typescript src/contract/openapi.yaml -o src/contract/schema.d.ts
//   prettier --write src/contract/schema.d.ts
// The CLI prepends COMMENT_HEADER to astToString's output, and prettier's CLI
// reads .editorconfig by default, so both are mirrored here to stay
// byte-identical with the committed file.
async function generateSchema(): Promise<string> {
  const ast = await openapiTS(specUrl, { silent: true });
  const raw = `${COMMENT_HEADER}${astToString(ast)}`;
  const config = await resolveConfig(schemaPath, { editorconfig: true });
  return format(raw, { ...config, filepath: schemaPath });
}

test('schema.d.ts is generated from the current openapi.yaml', async () => {
  const expected = await generateSchema();
  const committed = readFileSync(schemaPath, 'utf8');
  expect(committed, 'schema.d.ts is stale: run npm run gen:api').toBe(expected);
});
