// Fails `npm test` when the built console is over its size budgets
// (issue 8): run after `npm run build`. Usage: tsx scripts/check-bundle.ts [dist]
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  budgetProblems,
  bundleReport,
  EDITOR_CHUNK_BUDGET_KB,
  editorChunk,
  FIRST_SCREEN_BUDGET_KB,
} from '../bench/bundle.bench.ts';

const distDir = process.argv[2] ?? 'dist';
if (!existsSync(join(distDir, 'index.html'))) {
  console.error(
    `${distDir}/index.html not found: run \`npm run build\` first.`,
  );
  process.exit(1);
}
const report = bundleReport(distDir);
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
console.log(
  `First screen: ${kB(report.firstScreen.gzipBytes)} gzip (budget ${FIRST_SCREEN_BUDGET_KB} kB)`,
);
const editor = editorChunk(report);
if (editor) {
  console.log(
    `Filter editor: ${kB(editor.gzipBytes)} gzip (budget ${EDITOR_CHUNK_BUDGET_KB} kB)`,
  );
}
const problems = budgetProblems(report);
for (const problem of problems) console.error(problem);
process.exit(problems.length === 0 ? 0 : 1);
