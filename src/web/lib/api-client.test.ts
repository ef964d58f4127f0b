import { expect, test } from 'vitest';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { api, lifeguardApi } from './api-client.ts';
import { getOutage } from './connectivity.ts';
import { ApiError } from './errors.ts';

// The component tests' server has no sign-in (AUTH_MODE=none).

test('lifeguardApi() calls the page’s own server, with the CSRF header on writes', async () => {
  const fetches = spyOnFetch();
  const { data: session } = await lifeguardApi().GET('/api/lifeguard/session');
  expect(session).toMatchObject({ mode: 'none', user: { role: 'admin' } });

  // Without the header this would be refused as cross-site (403).
  const refusal = await lifeguardApi()
    .POST('/api/lifeguard/login', {
      body: { username: 'ada', password: 'secret' },
    })
    .catch((error: unknown) => error);
  expect(refusal).toBeInstanceOf(ApiError);
  expect(refusal).toMatchObject({ status: 409, code: 'not_password_mode' });

  const signedOut = await lifeguardApi().POST('/api/lifeguard/logout');
  expect(signedOut.response.status).toBe(204);
  expect(signedOut.data).toBeUndefined();
  expect(
    fetches.sent.map(({ method, url }) => `${method} ${url.href}`),
  ).toEqual([
    `GET ${window.location.origin}/api/lifeguard/session`,
    `POST ${window.location.origin}/api/lifeguard/login`,
    `POST ${window.location.origin}/api/lifeguard/logout`,
  ]);
  expect(getOutage()).toBeUndefined();
});

test('a 503 from Lifeguard’s own API blames its server, not Confluent', async () => {
  spyOnFetch(async () => new Response(null, { status: 503 }));
  await expect(
    lifeguardApi().GET('/api/lifeguard/session'),
  ).rejects.toMatchObject({ status: 503 });
  expect(getOutage()?.problem).toBe('server');
});

test('a 503 from a forwarded call blames Confluent', async () => {
  spyOnFetch(async () => new Response(null, { status: 503 }));
  await expect(api().GET('/iam/v2/identity-providers')).rejects.toMatchObject({
    status: 503,
  });
  expect(getOutage()?.problem).toBe('upstream');
});

test('no answer at all is an ApiError with status 0 that blames the server', async () => {
  spyOnFetch(async () => {
    throw new TypeError('fetch failed');
  });
  const error = await lifeguardApi()
    .GET('/api/lifeguard/session')
    .catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ status: 0 });
  expect(getOutage()?.problem).toBe('server');
});

test('an aborted call rejects with the abort and reports nothing', async () => {
  const controller = new AbortController();
  controller.abort();
  const error = await lifeguardApi()
    .GET('/api/lifeguard/session', { signal: controller.signal })
    .catch((thrown: unknown) => thrown);
  expect(error).not.toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ name: 'AbortError' });
  expect(getOutage()).toBeUndefined();
});
