import { createServer } from 'node:net';
import { expect, test } from 'vitest';
import { z } from 'zod';
import { envInt, listenErrorMessage, parseEnv } from './env.ts';

const schema = z.object({
  PORT: envInt(0, 65535).default(80),
  TOKEN: z.string().min(10),
});

test('empty variables count as unset and secrets are not repeated', () => {
  const result = parseEnv(schema, { PORT: '', TOKEN: 'short' }, ['TOKEN']);
  expect(result).toEqual({
    ok: false,
    errors: [
      'TOKEN: Too small: expected string to have >=10 characters (value hidden)',
    ],
  });
});

test('a port already taken gets a sentence naming the variable to change', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const { port } = blocker.address() as { port: number };
  const second = createServer();
  const error = await new Promise<unknown>((resolve) => {
    second.once('error', resolve);
    second.listen(port, '127.0.0.1');
  });
  blocker.close();
  expect(listenErrorMessage(error, `127.0.0.1:${port}`, 'PORT')).toBe(
    `127.0.0.1:${port} is already in use; stop what is using it or set PORT to another port.`,
  );
});
