// `npm run bench`: every benchmark in one run, on loopback, bounded in time.
// Writes bench/results.json (metric → number, with peers and ratios) and
// BENCHMARKS.md (a table per suite, and the machine it ran on).
// `npm run bench -- "Suite name" …` runs those suites and only prints, so
// the committed files always come from one complete run.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { format as prettier } from 'prettier';
import { join, resolve } from 'node:path';
import { auditWritesSuite } from './audit-writes.bench.ts';
import { bundleSuite } from './bundle.bench.ts';
import { effectiveAccessSuite } from './effective-access.bench.ts';
import { emulatorSuite } from './emulator.bench.ts';
import { filterSuite } from './filter.bench.ts';
import { lighthouseSuite } from './lighthouse.bench.ts';
import { navigationSuite } from './navigation.bench.ts';
import {
  machine,
  meetsTarget,
  ratio,
  type Metric,
  type Suite,
} from './metrics.ts';
import { proxySuite } from './proxy.bench.ts';

const root = resolve(import.meta.dirname ?? '.', '..');
const distDir = join(root, 'dist');
const only = process.argv.slice(2);

const suites: Suite[] = [
  filterSuite,
  effectiveAccessSuite,
  emulatorSuite,
  proxySuite,
  auditWritesSuite,
  bundleSuite(distDir),
  lighthouseSuite,
  navigationSuite,
].filter((suite) => only.length === 0 || only.includes(suite.name));
const unknown = only.filter((name) => !suites.some((s) => s.name === name));
if (unknown.length > 0) {
  console.error(`No suite named ${unknown.join(', ')}.`);
  process.exit(1);
}

// The console's suites measure this checkout's code, never a stale dist/.
if (
  suites.some((suite) =>
    ['Bundle', 'Lighthouse', 'Navigation'].includes(suite.name),
  )
) {
  console.log('▶ vite build');
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (build.status !== 0) {
    console.error('The build failed; see above.');
    process.exit(1);
  }
}

const format = (value: number | undefined) =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : Math.abs(value) >= 100
      ? value.toFixed(0)
      : Math.abs(value) >= 1
        ? value.toFixed(2)
        : value.toPrecision(3);

const results: Record<string, number | string> = {};
const sections: string[] = [];
for (const suite of suites) {
  const started = performance.now();
  console.log(`▶ ${suite.name}`);
  let metrics: Metric[];
  try {
    metrics = await suite.run();
  } catch (error) {
    console.error(`  ${suite.name} failed: ${(error as Error).message}`);
    sections.push(
      `## ${suite.name}\n\nDid not run: ${(error as Error).message}\n`,
    );
    continue;
  }
  const rows = metrics.map((metric) => {
    results[metric.id] = metric.value;
    const r = ratio(metric);
    if (metric.peer) {
      results[`${metric.id}.peer`] = metric.peer.value;
      results[`${metric.id}.peer_name`] = metric.peer.name;
      results[`${metric.id}.ratio`] = r!;
    }
    const met = meetsTarget(metric);
    console.log(
      `  ${metric.label}: ${format(metric.value)} ${metric.unit}` +
        (metric.peer
          ? ` (${metric.peer.name}: ${format(metric.peer.value)}, ratio ${format(r!)})`
          : '') +
        (met === undefined
          ? ''
          : met
            ? ' ✓'
            : ` ✗ target ${metric.target!.text}`),
    );
    return `| ${metric.label} | ${format(metric.value)} ${metric.unit} | ${
      metric.peer
        ? `${metric.peer.name}: ${format(metric.peer.value)} ${metric.unit}`
        : ''
    } | ${r === undefined ? '' : format(r)} | ${
      metric.target
        ? `${metric.target.text} ${meetsTarget(metric) ? '✓' : '✗'}`
        : ''
    } |`;
  });
  const notes = metrics
    .filter((metric) => metric.note)
    .map((metric) => `- ${metric.label}: ${metric.note}`);
  sections.push(
    [
      `## ${suite.name}`,
      '',
      '| Measure | Lifeguard | Peer | Ratio | Target |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
      ...(notes.length ? [...notes, ''] : []),
      `_${((performance.now() - started) / 1000).toFixed(0)} s_`,
      '',
    ].join('\n'),
  );
}

if (only.length > 0) {
  console.log(
    'A partial run: bench/results.json and BENCHMARKS.md left as they were.',
  );
  process.exit(0);
}

const host = machine();
results['machine.cpu'] = host.cpu;
results['machine.memory_gib'] = host.memoryGiB;
results['machine.node'] = host.node;
results['machine.date'] = new Date().toISOString();
// Written as Prettier would, so the committed files pass format:check.
writeFileSync(
  join(root, 'bench', 'results.json'),
  await prettier(JSON.stringify(results), { parser: 'json' }),
);
writeFileSync(
  join(root, 'BENCHMARKS.md'),
  await prettier(
    [
      '# Benchmarks',
      '',
      `Written by \`npm run bench\` on ${results['machine.date']}: ${host.cpu}, ${host.memoryGiB} GiB, Node ${host.node}, ${host.platform}.`,
      'Absolute times are noisy on a shared machine; each comparison is a ratio',
      'of two figures taken in the same run (ratio = Lifeguard ÷ peer).',
      '',
      ...sections,
      readFileSync(join(root, 'bench', 'findings.md'), 'utf8'),
    ].join('\n'),
    { parser: 'markdown' },
  ),
);
console.log('Wrote bench/results.json and BENCHMARKS.md');
