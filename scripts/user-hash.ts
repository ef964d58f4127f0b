// `npm run user:hash`: prints the scrypt hash of a password for AUTH_USERS.
// The password is read from the terminal without echo (or from stdin when
// piped), never from the command line, where shell history would keep it.
import { createInterface } from 'node:readline';
import { ROLES } from '../src/contract/auth.ts';
import { hashPassword } from '../src/server/passwords.ts';

const MIN_LENGTH = 12;

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function ask(question: string): Promise<string> {
  return new Promise((resolve) => {
    const output = process.stderr;
    const rl = createInterface({ input: process.stdin, terminal: true });
    output.write(question);
    process.stdin.setRawMode(true);
    let answer = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          process.stdin.off('data', onData);
          process.stdin.setRawMode(false);
          rl.close();
          output.write('\n');
          resolve(answer);
          return;
        }
        if (char === '\u0003') process.exit(130);
        if (char === '\u007f') answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    process.stdin.on('data', onData);
  });
}

const username = process.argv[2];
const role = process.argv[3] ?? 'admin';
if (!(ROLES as readonly string[]).includes(role)) {
  console.error(`The role must be ${ROLES.join(' or ')}, not "${role}".`);
  process.exit(1);
}

let password: string;
if (process.stdin.isTTY) {
  password = await ask('Password: ');
  if ((await ask('Again: ')) !== password) {
    console.error('The passwords differ; nothing was printed.');
    process.exit(1);
  }
} else {
  password = await readPiped();
}
if (password.length < MIN_LENGTH) {
  console.error(`Use at least ${MIN_LENGTH} characters; nothing was printed.`);
  process.exit(1);
}
const hash = await hashPassword(password);
console.log(username ? `${username}:${role}:${hash}` : hash);
