// Fails fast when package-lock.json lacks a platform package that some
// dependency lists as optional: `npm install` tolerates the gap, `npm ci`
// rejects it (docs/toolchain.md, "Incomplete lockfile").
import { readFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const packages = lock.packages ?? {};
const missing = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const dep of Object.keys(entry.optionalDependencies ?? {})) {
    const nested = `${path}/node_modules/${dep}`;
    if (!packages[nested] && !packages[`node_modules/${dep}`]) {
      missing.push(`${path.replace(/^node_modules\//, '')} -> ${dep}`);
    }
  }
}
if (missing.length > 0) {
  console.error(
    `package-lock.json is incomplete (npm ci would reject it):\n  ${missing.join('\n  ')}\n` +
      'Pin the parent package to a version whose platform packages all exist in the registry.',
  );
  process.exit(1);
}
console.log('package-lock.json: every optional platform package is locked.');
