import { ESLint } from 'eslint';
import { expect, test } from 'vitest';

const eslint = new ESLint();

async function boundaryErrors(
  filePath: string,
  code: string,
): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'import-x/no-restricted-paths')
    .map((m) => m.message);
}

// docs/conventions.md §2: a wrong import must fail `npm test`, so the rules
// are tested too.
test.each([
  ['src/contract/x.ts', "import { checkFilter } from '#filter/check.ts';"],
  ['src/contract/x.ts', "import { createEmulator } from '../emulator/app.ts';"],
  ['src/filter/x.ts', "import { createEmulator } from '../emulator/app.ts';"],
  ['src/emulator/x.ts', "import { createServer } from '../server/app.ts';"],
  ['src/server/app.ts', "import { createEmulator } from '../emulator/app.ts';"],
  ['src/web/main.tsx', "import { createEmulator } from '../emulator/app.ts';"],
  ['src/web/lib/x.ts', "import { routes } from '../app/router.tsx';"],
  [
    'src/web/hooks/x.ts',
    "import { poolQueries } from '../features/pools/api/queries.ts';",
  ],
  [
    'src/web/features/search/x.ts',
    "import { poolQueries } from '../pools/api/queries.ts';",
  ],
  [
    'src/web/features/pools/components/x.tsx',
    "import { auditQueries } from '../../audit/api/queries.ts';",
  ],
])('%s may not %s', async (file, code) => {
  expect(await boundaryErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
});

test.each([
  ['src/filter/x.ts', "import { UPSTREAM_ROUTES } from '#contract/routes.ts';"],
  ['src/emulator/x.ts', "import { checkFilter } from '#filter/check.ts';"],
  [
    'src/server/main.ts',
    "import { createEmulator } from '../emulator/app.ts';",
  ],
  [
    'src/web/app/x.tsx',
    "import { UPSTREAM_ROUTES } from '#contract/routes.ts';",
  ],
  [
    'src/web/app/routes/x.tsx',
    "import { poolQueries } from '../../features/pools/api/queries.ts';",
  ],
  [
    'src/web/features/pools/components/x.tsx',
    "import { poolQueries } from '../api/queries.ts';",
  ],
])('%s may %s', async (file, code) => {
  expect(await boundaryErrors(file, `${code}\nexport {};\n`)).toEqual([]);
});
