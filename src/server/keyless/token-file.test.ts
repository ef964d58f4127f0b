import {
  mkdtempSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { expect, onTestFinished, test } from 'vitest';
import { keylessCredentials } from './keyless-credentials.ts';
import {
  logLines,
  manualTimers,
  POOL_ID,
  startFakeSts,
  testClock,
} from './test-helpers.ts';

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lifeguard-keyless-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A JWT as a kubelet or CI runner would write it, expiring at `exp` (s). */
function subjectToken(sub: string, exp: number): Promise<string> {
  return new SignJWT({ sub })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode('test-signing-key-of-32-bytes-len'));
}

async function fileKeyless() {
  const dir = tempDir();
  const file = join(dir, 'token');
  const clock = testClock();
  const inAnHour = clock.now() / 1000 + 3600;
  const sts = await startFakeSts();
  const { lines, log } = logLines();
  const credentials = keylessCredentials(
    {
      endpoint: sts.url,
      identityPoolId: POOL_ID,
      externalToken: { kind: 'file', file },
    },
    { now: clock.now, timer: manualTimers().timer, log, timeoutMs: 5_000 },
  );
  onTestFinished(() => credentials.close());
  return { dir, file, clock, inAnHour, sts, lines, credentials };
}

test('the token file is exchanged, re-read after rotation by rename or in place, and never read again while unchanged', async () => {
  const { dir, file, clock, inAnHour, sts, credentials } = await fileKeyless();
  const first = await subjectToken(
    'system:serviceaccount:ops:lifeguard',
    inAnHour,
  );
  writeFileSync(file, `${first}\n`);
  await credentials.start();
  expect(await credentials.authorization()).toBe('Bearer sts-token-1');
  expect(sts.requests[0]!.form.subject_token).toBe(first);

  // Kubernetes-style rotation: a new file renamed over the old one. The
  // next call waits for the exchange, so it already acts with the new token.
  const second = await subjectToken('rotated', inAnHour + 60);
  writeFileSync(join(dir, 'next'), second);
  renameSync(join(dir, 'next'), file);
  expect(await credentials.authorization()).toBe('Bearer sts-token-2');
  expect(sts.requests[1]!.form.subject_token).toBe(second);

  // Renewal by time alone re-uses the file's token without re-reading it.
  clock.advance(901);
  expect(await credentials.authorization()).toBe('Bearer sts-token-3');
  expect(sts.requests[2]!.form.subject_token).toBe(second);
  expect(credentials.state()).toMatchObject({
    kind: 'keyless',
    identityPool: POOL_ID,
    externalToken: 'file',
  });
});

test('an expired or vanished token file is named, never its token; a valid STS token stays in use meanwhile', async () => {
  const { file, clock, inAnHour, sts, lines, credentials } =
    await fileKeyless();
  writeFileSync(file, await subjectToken('lifeguard', inAnHour));
  await credentials.start();

  const stale = await subjectToken('lifeguard', clock.now() / 1000 - 5);
  writeFileSync(file, stale);
  expect(await credentials.authorization()).toBe('Bearer sts-token-1');
  const expired = `The token in Lifeguard's identity provider token file (${file}) expired at ${new Date(clock.now() - 5000).toISOString()}; whatever writes that file has stopped renewing it.`;
  expect(lines).toEqual([
    expect.stringMatching(/^warn Could not renew .* stays in use until/),
  ]);
  expect(lines[0]).toContain(expired);
  expect(sts.requests).toHaveLength(1);

  // Once the STS token has run out too, calls fail with the file's reason.
  clock.advance(901);
  await expect(credentials.authorization()).rejects.toThrow(expired);
  unlinkSync(file);
  clock.advance(60);
  await expect(credentials.authorization()).rejects.toThrow(
    `Lifeguard cannot read its identity provider token file (${file}: ENOENT).`,
  );
  expect(lines.join('\n')).not.toContain(stale);
});

test('a file that does not hold one JWT is refused at start-up', async () => {
  const { file, credentials } = await fileKeyless();
  writeFileSync(file, 'not-a-jwt');
  await expect(credentials.start()).rejects.toThrow(
    `Lifeguard's identity provider token file (${file}) does not hold a JWT`,
  );
  writeFileSync(file, 'two tokens');
  await expect(credentials.authorization()).rejects.toThrow(
    /is empty or holds more than one token/,
  );
});
