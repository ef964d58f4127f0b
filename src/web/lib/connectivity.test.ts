import { afterEach, expect, test } from 'vitest';
import { injectFault, resetEmulator } from '@/testing/emulator.ts';
import {
  classifyFailure,
  getOutage,
  markRecovered,
  probe,
  probeDelay,
  RELAPSE_WINDOW_MS,
  reportFailure,
  resetConnectivity,
} from './connectivity.ts';

afterEach(() => resetConnectivity());

test('no answer at all means the server is out of reach', () => {
  expect(classifyFailure(0, 'upstream')).toBe('server');
  expect(classifyFailure(0, 'lifeguard')).toBe('server');
});

test.each([502, 503, 504])(
  'a %i on a forwarded call means Confluent is out of reach',
  (status) => {
    expect(classifyFailure(status, 'upstream')).toBe('upstream');
    // From Lifeguard's own API it is the server (or a proxy before it).
    expect(classifyFailure(status, 'lifeguard')).toBe('server');
  },
);

test.each([400, 401, 404, 409, 429, 500])(
  'a %i says nothing about connectivity',
  (status) => {
    expect(classifyFailure(status, 'upstream')).toBeUndefined();
  },
);

test('probes back off from 1 s, doubling, up to 10 s', () => {
  expect([0, 1, 2, 3, 4, 10].map(probeDelay)).toEqual([
    1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
  ]);
});

test('an outage starts with the first failure and keeps its start time', () => {
  reportFailure(404, 'upstream', 1_000);
  expect(getOutage()).toBeUndefined();
  reportFailure(502, 'upstream', 2_000);
  reportFailure(504, 'upstream', 3_000);
  expect(getOutage()).toMatchObject({
    problem: 'upstream',
    since: 2_000,
    firstProbeStep: 0,
  });
  // No answer at all: now the server itself is blamed, same outage.
  reportFailure(0, 'upstream', 4_000);
  expect(getOutage()).toMatchObject({ problem: 'server', since: 2_000 });
  markRecovered(5_000);
  expect(getOutage()).toBeUndefined();
});

test('an outage soon after a recovery carries on backing off', () => {
  reportFailure(502, 'upstream', 0);
  markRecovered(1_000);
  reportFailure(502, 'upstream', 2_000);
  expect(getOutage()?.firstProbeStep).toBe(1);
  markRecovered(3_000);
  reportFailure(502, 'upstream', 4_000);
  expect(getOutage()?.firstProbeStep).toBe(2);
  markRecovered(5_000);
  reportFailure(502, 'upstream', 5_000 + RELAPSE_WINDOW_MS);
  expect(getOutage()?.firstProbeStep).toBe(0);
});

test('probes ask the real server: /healthz for itself, /readyz for the upstream', async () => {
  await resetEmulator('demo');
  expect(await probe('server')).toEqual({ ok: true });
  expect(await probe('upstream')).toEqual({ ok: true });
  // /readyz lists one provider upstream; make that fail once.
  await injectFault({
    match: { method: 'GET', path: 'identity-providers$' },
    respond: { status: 503 },
    times: 1,
  });
  expect(await probe('upstream')).toEqual({
    ok: false,
    problem: 'upstream',
    reason: 'The upstream answered 503.',
  });
  expect(await probe('upstream')).toEqual({ ok: true });
});
