import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Metric, Suite } from './metrics.ts';

export const FIRST_SCREEN_BUDGET_KB = 110;
export const EDITOR_CHUNK_BUDGET_KB = 130;

const kB = (bytes: number) => bytes / 1000;

export type BundleReport = {
  firstScreen: { files: string[]; gzipBytes: number };
  chunks: { file: string; gzipBytes: number }[];
};

/**
 * What the built console makes a browser download: the scripts index.html
 * loads or preloads (the first screen) and every other chunk (lazy).
 */
export function bundleReport(distDir: string): BundleReport {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  // Every script index.html loads or preloads, the theme script (before
  // the first paint) included.
  const initial = [
    ...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/([^"]+\.js)"/g),
  ].map((match) => match[1]!);
  const gzipped = (file: string) =>
    gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length;
  const all = readdirSync(join(distDir, 'assets'))
    .filter((file) => file.endsWith('.js'))
    .map((file) => `assets/${file}`);
  return {
    firstScreen: {
      files: initial,
      gzipBytes: initial.reduce((sum, file) => sum + gzipped(file), 0),
    },
    chunks: all
      .filter((file) => !initial.includes(file))
      .map((file) => ({ file, gzipBytes: gzipped(file) }))
      .sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
}

/** The chunk holding the filter editor (CodeMirror), loaded with the pool form. */
export function editorChunk(report: BundleReport) {
  return report.chunks.find((chunk) => /filter-editor/.test(chunk.file));
}

/**
 * What is over budget, one sentence each; empty when the build fits. A
 * build without an editor chunk is a problem too: the check would pass
 * without checking anything.
 */
export function budgetProblems(report: BundleReport): string[] {
  const problems: string[] = [];
  const firstScreen = kB(report.firstScreen.gzipBytes);
  if (firstScreen > FIRST_SCREEN_BUDGET_KB) {
    problems.push(
      `The first screen needs ${firstScreen.toFixed(1)} kB of gzipped JavaScript (${report.firstScreen.files.join(', ')}); the budget is ${FIRST_SCREEN_BUDGET_KB} kB.`,
    );
  }
  const editor = editorChunk(report);
  if (!editor) {
    problems.push(
      'No filter-editor chunk was found: the editor must stay a lazy chunk of its own.',
    );
  } else if (kB(editor.gzipBytes) > EDITOR_CHUNK_BUDGET_KB) {
    problems.push(
      `The filter editor chunk ${editor.file} is ${kB(editor.gzipBytes).toFixed(1)} kB gzipped; the budget is ${EDITOR_CHUNK_BUDGET_KB} kB.`,
    );
  }
  return problems;
}

/** Gzip sizes of the built console (run `npm run build` first). */
export function bundleSuite(distDir: string): Suite {
  return {
    name: 'Bundle',
    async run(): Promise<Metric[]> {
      const report = bundleReport(distDir);
      const editor = editorChunk(report);
      return [
        {
          id: 'bundle.first_screen_kb_gz',
          label: `JavaScript the first screen needs (${report.firstScreen.files.length} files), gzip`,
          unit: 'kB',
          value: kB(report.firstScreen.gzipBytes),
          target: {
            value: FIRST_SCREEN_BUDGET_KB,
            text: `≤ ${FIRST_SCREEN_BUDGET_KB} kB`,
          },
        },
        ...(editor
          ? [
              {
                id: 'bundle.editor_chunk_kb_gz',
                label: 'Filter editor chunk (CodeMirror), gzip',
                unit: 'kB',
                value: kB(editor.gzipBytes),
                target: {
                  value: EDITOR_CHUNK_BUDGET_KB,
                  text: `≤ ${EDITOR_CHUNK_BUDGET_KB} kB`,
                },
              },
            ]
          : []),
        ...report.chunks
          .filter((chunk) => chunk !== editor)
          .map((chunk) => ({
            id: `bundle.lazy.${chunk.file.replace(/^assets\/|-[\w-]{8}\.js$/g, '')}_kb_gz`,
            label: `Lazy chunk ${chunk.file}, gzip`,
            unit: 'kB',
            value: kB(chunk.gzipBytes),
          })),
      ];
    },
  };
}
