import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

// The repository must stand alone: whoever clones it has nothing beside it.
// README.md and docs/ may point only at files inside the repository, and
// those files must exist; a `docs/….md §N` cited anywhere must be a section
// of that document.

const root = fileURLToPath(new URL('..', import.meta.url));

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap(
    (entry) => {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        return entry.name === 'node_modules' ? [] : filesUnder(path, keep);
      }
      return keep(entry.name) ? [path] : [];
    },
  );
}

const documents = [
  'README.md',
  ...filesUnder('docs', (name) => name.endsWith('.md')),
];
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** Where `index` falls in `text`, as `path:line`. */
function at(path: string, text: string, index: number): string {
  return `${path}:${text.slice(0, index).split('\n').length}`;
}

// Names of what used to live outside the repository; the docs/ files
// replace them (conventions.md, toolchain.md, confluent-api.md).
const OUTSIDE = [
  /\.\.\/shared\b/g,
  /\bshared\/reference\b/g,
  /\bSTYLE\.md\b/g,
  /\bSTYLE §/g,
  /\bTOOLCHAIN(?:\.md)?\b/g,
];

test('README.md and docs/ name nothing outside the repository', () => {
  const found = documents.flatMap((path) => {
    const text = read(path);
    const named = OUTSIDE.flatMap((pattern) =>
      [...text.matchAll(pattern)].map(
        (match) => `${at(path, text, match.index)}: ${match[0]}`,
      ),
    );
    // `../…` reads as outside the repository, except as the target of a
    // Markdown link from a folder of docs/ that stays inside it.
    const climbing = [
      ...text.matchAll(/(?<![\w./-])((?:\.\.\/)+[^\s`'"()<>[\]]*)/g),
    ]
      .filter(
        (match) =>
          !text.slice(0, match.index).endsWith('](') ||
          relative(root, resolve(root, dirname(path), match[1]!)).startsWith(
            '..',
          ),
      )
      .map((match) => `${at(path, text, match.index)}: ${match[1]}`);
    return [...named, ...climbing];
  });
  expect(found).toEqual([]);
});

// The repository's own top-level folders: a path starting with one of them
// is taken for a file of this repository.
const TOP_LEVEL = ['docs', 'src', 'e2e', 'scripts', 'bench', 'public'];
const REPOSITORY_PATH = new RegExp(
  `(?<![\\w./:@-])((?:${TOP_LEVEL.join('|')})/[^\\s\`'"()<>[\\],;:]*)`,
  'g',
);
// Another repository's file, cited as `owner/name › path` (possibly a list
// of paths after one ›), is not ours to check.
const CITED_ELSEWHERE = /›(?:\s*`[^`]*`\s*(?:,|and)?)*\s*`?$/;
// Files that benchmark and load runs write; they need not be committed.
const RUN_OUTPUT = /^bench\/(?:[\w-]+-)?results\.json$/;

function exists(path: string): boolean {
  if (existsSync(join(root, path))) return true;
  // `docs/decisions/002-…`: some file starts with the text before the …
  if (!path.endsWith('…')) return false;
  const prefix = path.slice(0, -1);
  const dir = dirname(`${prefix}x`);
  return (
    existsSync(join(root, dir)) &&
    readdirSync(join(root, dir)).some((name) =>
      `${dir}/${name}`.startsWith(prefix),
    )
  );
}

test('every repository file README.md and docs/ mention exists', () => {
  const missing = documents.flatMap((path) => {
    const text = read(path);
    const mentioned = [...text.matchAll(REPOSITORY_PATH)]
      .filter((match) => !CITED_ELSEWHERE.test(text.slice(0, match.index)))
      .map((match) => ({
        index: match.index,
        // Sentence punctuation is not part of the path.
        target: match[1]!.replace(/\.+$/, ''),
      }))
      .filter(
        ({ target }) => !/[*<>{}]/.test(target) && !RUN_OUTPUT.test(target),
      );
    // Markdown links resolve against the document's folder.
    const linked = [...text.matchAll(/\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)]
      .filter((match) => !/^(?:[a-z][\w+.-]*:|#)/i.test(match[1]!))
      .map((match) => ({
        index: match.index,
        target: relative(
          root,
          resolve(root, dirname(path), match[1]!.replace(/[#?].*$/, '')),
        ),
      }));
    return [...mentioned, ...linked]
      .filter(({ target }) => !exists(target))
      .map(({ index, target }) => `${at(path, text, index)}: ${target}`);
  });
  expect(missing).toEqual([]);
});

/** The section numbers of a document: `## 3. …`, `### 3.1 …`. */
function sectionsOf(path: string): Set<string> {
  return new Set(
    [...read(path).matchAll(/^#{2,4} (\d+(?:\.\d+)*)\.?\s/gm)].map(
      (match) => match[1]!,
    ),
  );
}

const CITED_DOCUMENTS = ['docs/conventions.md', 'docs/confluent-api.md'];

const codeAndConfig = [
  ...['src', 'scripts', 'e2e', 'bench'].flatMap((dir) =>
    filesUnder(dir, (name) => /\.(?:[cm]?[jt]sx?|css|ya?ml|md)$/.test(name)),
  ),
  ...readdirSync(root).filter((name) => /\.config\.[jt]s$/.test(name)),
].filter((path) => path !== 'scripts/docs.test.ts');

test('every `docs/….md §N` cited in code or docs is a section of it', () => {
  const sections = new Map(
    CITED_DOCUMENTS.map((path) => [path, sectionsOf(path)]),
  );
  const unknown = [...documents, ...codeAndConfig].flatMap((path) => {
    const text = read(path);
    const cited = [
      ...text.matchAll(
        /(docs\/(?:conventions|confluent-api)\.md)`?,? §(\d+(?:\.\d+)*)/g,
      ),
    ].map((match) => ({ index: match.index, doc: match[1]!, n: match[2]! }));
    // Inside the two documents a bare §N means one of their own sections.
    const own = CITED_DOCUMENTS.includes(path)
      ? [...text.matchAll(/(?<!\.md`?,? )§(\d+(?:\.\d+)*)/g)].map((match) => ({
          index: match.index,
          doc: path,
          n: match[1]!,
        }))
      : [];
    return [...cited, ...own]
      .filter(({ doc, n }) => !sections.get(doc)!.has(n))
      .map(({ index, doc, n }) => `${at(path, text, index)}: ${doc} §${n}`);
  });
  expect(unknown).toEqual([]);
});

test('code and config name nothing that lived outside the repository', () => {
  const found = codeAndConfig.flatMap((path) => {
    const text = read(path);
    return [...OUTSIDE, /\breference §\d/gi].flatMap((pattern) =>
      [...text.matchAll(pattern)].map(
        (match) => `${at(path, text, match.index)}: ${match[0]}`,
      ),
    );
  });
  expect(found).toEqual([]);
});
