import { expect, test, vi } from 'vitest';
import { CredentialError } from '../credentials.ts';
import { reservePort } from '../test-helpers.ts';
import {
  CLIENT_SECRET,
  clientCredentialsSignIn,
  logLines,
  manualTimers,
  POOL_ID,
  startFakeSts,
  startIdentityProvider,
  testClock,
} from './test-helpers.ts';

test('start-up signs in once: one client-credentials call, one exchange, then the STS token as Bearer until it is due', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  const clock = testClock();
  const timers = manualTimers();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
    now: clock.now,
    timer: timers.timer,
  });

  expect(await credentials.start()).toEqual({
    lifetimeSeconds: 900,
    renewAfterSeconds: 840,
  });
  expect(sts.requests[0]!.form.subject_token).toBe(idp.tokens[0]);
  expect(timers.armed()).toEqual([840_000]);
  clock.advance(839);
  expect(await credentials.authorization()).toBe('Bearer sts-token-1');
  expect(await credentials.authorization()).toBe('Bearer sts-token-1');
  expect(idp.requests).toHaveLength(1);
  expect(sts.requests).toHaveLength(1);
});

test('across expiry the STS is asked again, and the identity provider only once its own token is due', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  const clock = testClock();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
    now: clock.now,
    timer: manualTimers().timer,
  });
  await credentials.start();

  // Due but still valid: this call keeps the current token, and a renewal
  // starts behind it.
  clock.advance(841);
  expect(await credentials.authorization()).toBe('Bearer sts-token-1');
  await vi.waitFor(() => expect(sts.requests).toHaveLength(2));
  await vi.waitFor(async () =>
    expect(await credentials.authorization()).toBe('Bearer sts-token-2'),
  );

  // Past expiry (a machine that slept): the call waits for the exchange.
  clock.advance(1000);
  expect(await credentials.authorization()).toBe('Bearer sts-token-3');
  // The identity provider's 3600 s token is renewed after 3420 s only.
  expect(idp.requests).toHaveLength(1);
  expect(sts.requests.map((r) => r.form.subject_token)).toEqual([
    idp.tokens[0],
    idp.tokens[0],
    idp.tokens[0],
  ]);

  clock.advance(1700);
  expect(await credentials.authorization()).toBe('Bearer sts-token-4');
  expect(idp.requests).toHaveLength(2);
  expect(sts.requests[3]!.form.subject_token).toBe(idp.tokens[1]);
});

test('the timer renews ahead of expiry and is re-armed; close() disarms it', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  const clock = testClock();
  const timers = manualTimers();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
    now: clock.now,
    timer: timers.timer,
  });
  await credentials.start();
  clock.advance(840);
  timers.fire();
  await vi.waitFor(() => expect(timers.armed()).toEqual([840_000]));
  expect(sts.requests).toHaveLength(2);
  expect(await credentials.authorization()).toBe('Bearer sts-token-2');
  credentials.close();
  expect(timers.armed()).toEqual([]);
});

test('short STS lifetimes use half the lifetime as the buffer, and the lifetime asked for is sent', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  for (const [asked, renewAfter] of [
    [70, 10],
    [60, 30],
  ] as const) {
    const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
      stsExpiresInSeconds: asked,
      timer: manualTimers().timer,
    });
    expect(await credentials.start()).toEqual({
      lifetimeSeconds: asked,
      renewAfterSeconds: renewAfter,
    });
  }
  expect(sts.requests.map((r) => r.form.expires_in)).toEqual(['70', '60']);
});

test('an identity provider token without expires_in serves one exchange only', async () => {
  const idp = await startIdentityProvider((response) => {
    if (typeof response.body === 'object') delete response.body.expires_in;
  });
  const sts = await startFakeSts();
  const clock = testClock();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
    now: clock.now,
    timer: manualTimers().timer,
  });
  await credentials.start();
  clock.advance(901);
  expect(await credentials.authorization()).toBe('Bearer sts-token-2');
  expect(idp.requests).toHaveLength(2);
  expect(sts.requests.map((r) => r.form.subject_token)).toEqual(idp.tokens);
});

test('concurrent callers share one sign-in and one renewal', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  const clock = testClock();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
    now: clock.now,
    timer: manualTimers().timer,
  });
  const first = await Promise.all(
    Array.from({ length: 10 }, () => credentials.authorization()),
  );
  expect(new Set(first)).toEqual(new Set(['Bearer sts-token-1']));
  clock.advance(901);
  const second = await Promise.all(
    Array.from({ length: 10 }, () => credentials.authorization()),
  );
  expect(new Set(second)).toEqual(new Set(['Bearer sts-token-2']));
  expect(idp.requests).toHaveLength(1);
  expect(sts.requests).toHaveLength(2);
});

test('without a valid token each failing step is a CredentialError naming its cause, never a token or the secret', async () => {
  const port = await reservePort();
  const refusing = await startIdentityProvider((response) => {
    response.statusCode = 401;
    response.body = {
      error: 'invalid_client',
      error_description: 'Invalid client secret',
    };
  });
  const idp = await startIdentityProvider();
  const sts = await startFakeSts(() => ({
    status: 400,
    body: { errors: [{ detail: `Token ${idp.tokens[0]} is expired` }] },
  }));
  const cases = [
    [
      `http://127.0.0.1:${port}/token`,
      `Lifeguard could not reach its identity provider at http://127.0.0.1:${port}/token (connection refused).`,
    ],
    [
      refusing.tokenUrl,
      `The identity provider at ${refusing.tokenUrl} refused Lifeguard's client credentials (401 invalid_client: Invalid client secret).`,
    ],
    [
      idp.tokenUrl,
      `Confluent's STS refused to exchange Lifeguard's token for identity pool ${POOL_ID}: Token [redacted] is expired.`,
    ],
  ] as const;
  for (const [tokenUrl, message] of cases) {
    const { lines, log } = logLines();
    const credentials = clientCredentialsSignIn(tokenUrl, sts.url, {
      log,
      timer: manualTimers().timer,
    });
    const failure = credentials.authorization();
    await expect(failure).rejects.toBeInstanceOf(CredentialError);
    await expect(failure).rejects.toThrow(message);
    expect(credentials.state()).toMatchObject({
      stsTokenExpiresAt: null,
      lastError: message,
    });
    expect(lines).toEqual([
      `warn Lifeguard has no valid Confluent STS token for identity pool ${POOL_ID} (next attempt in 1 s). ${message}`,
    ]);
    expect(lines.join('\n')).not.toContain(CLIENT_SECRET);
  }
});

test('after a failure without a token, calls get the same error until the retry is due, then try again', async () => {
  const port = await reservePort();
  const sts = await startFakeSts();
  const clock = testClock();
  const timers = manualTimers();
  const credentials = clientCredentialsSignIn(
    `http://127.0.0.1:${port}/token`,
    sts.url,
    { now: clock.now, timer: timers.timer },
  );
  await expect(credentials.authorization()).rejects.toThrow(/could not reach/);
  expect(timers.armed()).toEqual([1_000]);
  await expect(credentials.authorization()).rejects.toThrow(/could not reach/);
  clock.advance(1);
  await expect(credentials.authorization()).rejects.toThrow(/could not reach/);
  // Two failures in a row: the next attempt waits twice as long.
  expect(timers.armed()).toEqual([2_000]);
});

test('a failed renewal while the token is valid keeps serving it, warns, and retries with backoff', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts((_form, index) =>
    index === 1 || index === 2
      ? {
          status: 500,
          body: { errors: [{ detail: 'STS is having a bad day' }] },
        }
      : undefined,
  );
  const clock = testClock();
  const timers = manualTimers();
  const { lines, log } = logLines();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
    now: clock.now,
    timer: timers.timer,
    log,
  });
  await credentials.start();
  const expiresAt = credentials.state().stsTokenExpiresAt;

  clock.advance(841);
  expect(await credentials.authorization()).toBe('Bearer sts-token-1');
  await vi.waitFor(() => expect(lines).toHaveLength(1));
  expect(lines[0]).toBe(
    `warn Could not renew Lifeguard's Confluent STS token for identity pool ${POOL_ID}; the current one stays in use until ${expiresAt} (next attempt in 1 s). Confluent's STS failed to exchange Lifeguard's token for identity pool ${POOL_ID} (500: STS is having a bad day).`,
  );
  expect(timers.armed()).toEqual([1_000]);
  // Within the backoff: no new attempt.
  expect(await credentials.authorization()).toBe('Bearer sts-token-1');
  expect(sts.requests).toHaveLength(2);

  // The retry timer fires and fails again; the one after succeeds.
  clock.advance(1);
  timers.fire();
  await vi.waitFor(() => expect(timers.armed()).toEqual([2_000]));
  expect(credentials.state().lastError).toMatch(/bad day/);
  clock.advance(2);
  timers.fire();
  await vi.waitFor(() => expect(sts.requests).toHaveLength(4));
  await vi.waitFor(async () =>
    expect(await credentials.authorization()).toBe('Bearer sts-token-4'),
  );
  expect(lines.at(-1)).toBe(
    `info Renewed Lifeguard's Confluent STS token for identity pool ${POOL_ID} after 2 failed attempt(s).`,
  );
  expect(credentials.state().lastError).toBeUndefined();
  // A failing STS refused nothing: its token stays good for the retries.
  expect(idp.requests).toHaveLength(1);
});

test('a token the upstream answered 401 to is exchanged again before the next call', async () => {
  const idp = await startIdentityProvider();
  const sts = await startFakeSts();
  const credentials = clientCredentialsSignIn(idp.tokenUrl, sts.url, {
    timer: manualTimers().timer,
  });
  await credentials.start();
  credentials.rejected('Bearer some-other-token');
  expect(await credentials.authorization()).toBe('Bearer sts-token-1');
  credentials.rejected('Bearer sts-token-1');
  expect(await credentials.authorization()).toBe('Bearer sts-token-2');
  expect(idp.requests).toHaveLength(1);
});
