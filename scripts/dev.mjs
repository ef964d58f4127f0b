// `npm run dev`: the server (with its embedded emulator) restarting on change,
// and Vite with hot reload, which hands /api to the server.
import { spawn } from 'node:child_process';

const children = [
  spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'watch', 'src/server/main.ts'],
    {
      stdio: 'inherit',
    },
  ),
  spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1'],
    {
      stdio: 'inherit',
    },
  ),
];

function stop(code) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}
for (const child of children) child.once('exit', (code) => stop(code ?? 1));
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));
