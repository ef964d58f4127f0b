// `npm run user:hash`: prints the scrypt hash of a password for AUTH_USERS.
// The password is read from the terminal without echo (or from stdin when
// piped: one line, or the same line twice), never from the command line,
// where shell history would keep it.
import { createInterface } from 'node:readline';
import { ROLES } from '../src/contract/auth.ts';
import { hashPassword } from '../src/server/passwords.ts';

const MIN_LENGTH = 12;

async function readPiped(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The password in piped input: its first line, and a second line, if any,
 * must repeat it, as the prompt asks twice. Anything else is refused rather
 * than hashed whole: no sign-in form can type a line break.
 */
function passwordFromPipe(
  text: string,
): { password: string } | { error: string } {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  // The newline that ends the last line starts no line of its own.
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const [password = '', again, ...more] = lines;
  if (more.length > 0 || password.includes('\r')) {
    return {
      error:
        'A password cannot contain a line break (no sign-in form can type one): pipe it on one line, or on two lines the same. Nothing was printed.',
    };
  }
  if (again !== undefined && again !== password) {
    return {
      error:
        'The second line differs from the first; a second line must repeat the password. Nothing was printed.',
    };
  }
  return { password };
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
  const piped = passwordFromPipe(await readPiped());
  if ('error' in piped) {
    console.error(piped.error);
    process.exit(1);
  }
  password = piped.password;
}
if (password.length < MIN_LENGTH) {
  console.error(`Use at least ${MIN_LENGTH} characters; nothing was printed.`);
  process.exit(1);
}
const hash = await hashPassword(password);
console.log(username ? `${username}:${role}:${hash}` : hash);
