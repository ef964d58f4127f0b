import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, inject, test } from 'vitest';
import { createQueryClient } from '@/lib/query-client.ts';
import { apiCall } from '@/testing/emulator.ts';
import { startEachTestOnDemo } from '@/testing/each-test.ts';
import { spyOnFetch } from '@/testing/fetch-spy.ts';
import { TokenTester } from './token-tester.tsx';

// The test server runs on the emulator, so its STS really answers; only
// the failures and another upstream are played by the fetch spy.

startEachTestOnDemo();

const TEST_IDP_ISSUER = 'https://idp.lifeguard.test';
const KEYLESS_FILTER =
  'claims.sub == "lifeguard-console" && claims.aud == "confluent"';
const ASK = 'Ask the emulator’s STS';
const ANSWER = 'The emulator’s STS answer';

type Listed = { data: { id: string; issuer?: string; display_name: string }[] };

/** The demo's keyless pool, whose filter lets the test IdP's demo client in. */
async function keylessPoolId(): Promise<string> {
  const providers = await apiCall<Listed>(
    'GET',
    '/iam/v2/identity-providers?page_size=100',
  );
  const provider = providers.data.find((p) => p.issuer === TEST_IDP_ISSUER);
  if (!provider) throw new Error('no test IdP in the demo seed');
  const pools = await apiCall<Listed>(
    'GET',
    `/iam/v2/identity-providers/${provider.id}/identity-pools?page_size=100`,
  );
  const pool = pools.data.find(
    (each) => each.display_name === 'Lifeguard console (keyless)',
  );
  if (!pool) throw new Error('no keyless pool in the demo seed');
  return pool.id;
}

/** A token of the emulator's test IdP for its demo client. */
async function testIdpToken(): Promise<string> {
  const response = await fetch(
    `${inject('emulatorUrl')}/test-idp/oauth2/token`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: 'lifeguard-console',
        client_secret: 'lifeguard-console-demo-secret',
      }).toString(),
    },
  );
  if (!response.ok) throw new Error(`test IdP: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

function renderTester(
  poolId: string,
  filters: { filter?: string; savedFilter?: string } = {},
) {
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={createQueryClient({ retries: false })}>
      <TokenTester
        filter={filters.filter ?? KEYLESS_FILTER}
        savedFilter={filters.savedFilter}
        identityClaim="claims.sub"
        providerIssuer={TEST_IDP_ISSUER}
        poolId={poolId}
      />
    </QueryClientProvider>,
  );
  return { user, input: screen.getByLabelText('Token or claims') };
}

test('with Confluent as the upstream there is no STS button, and the token stays in the browser', async () => {
  let answered = false;
  spyOnFetch(async (request, forward) => {
    if (request.url.pathname !== '/healthz') return forward();
    answered = true;
    return Response.json({ status: 'ok', upstream: 'confluent-cloud' });
  });
  renderTester('pool-AzXR');
  await waitFor(() => expect(answered).toBe(true));
  // The answer has been read once the page settles on it.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  expect(screen.queryByRole('button', { name: ASK })).not.toBeInTheDocument();
  expect(
    screen.getByText(/never sent to Lifeguard’s server or stored/),
  ).toBeInTheDocument();
});

test('on the emulator the button is there, says where the token goes, and waits for a JWT', async () => {
  const { user, input } = renderTester('pool-AzXR');
  const button = await screen.findByRole('button', { name: ASK });
  expect(button).toHaveAccessibleDescription(
    /to the local emulator only, never to Confluent/,
  );
  expect(button).toBeDisabled();
  await user.click(input);
  await user.paste('{"sub": "lifeguard-console", "aud": "confluent"}');
  expect(button).toBeDisabled();
  expect(button).toHaveAccessibleDescription(/not a JSON object of its claims/);
});

test('a token of the test IdP is exchanged for its pool, as the browser expected', async () => {
  const [poolId, token] = await Promise.all([keylessPoolId(), testIdpToken()]);
  const { user, input } = renderTester(poolId);
  await user.click(input);
  await user.paste(token);
  await user.click(await screen.findByRole('button', { name: ASK }));
  const answer = screen.getByRole('status', { name: ANSWER });
  await waitFor(() =>
    expect(answer).toHaveTextContent(
      `Exchanged: the emulator’s STS would issue a token for ${poolId} (valid 60 s).`,
    ),
  );
  expect(answer).not.toHaveTextContent(/disagree/);
  // The answer was about that token: another text has none yet.
  await user.type(input, 'x');
  expect(answer).toBeEmptyDOMElement();
});

test('while the filter is being edited the STS still uses the saved one, and says so', async () => {
  const [poolId, token] = await Promise.all([keylessPoolId(), testIdpToken()]);
  const { user, input } = renderTester(poolId, {
    filter: 'claims.sub == "someone-else"',
    savedFilter: KEYLESS_FILTER,
  });
  await user.click(input);
  await user.paste(token);
  expect(
    screen.getByText('This token does not match the filter.'),
  ).toBeInTheDocument();
  await user.click(await screen.findByRole('button', { name: ASK }));
  const answer = screen.getByRole('status', { name: ANSWER });
  await waitFor(() => expect(answer).toHaveTextContent(/^Exchanged: /));
  expect(answer).toHaveTextContent(
    /disagrees with the in-browser evaluation above, which expected a refusal/,
  );
  expect(answer).toHaveTextContent(
    'The STS used the pool’s saved filter, not your unsaved changes.',
  );
});

test('a forged signature passes in the browser but the STS refuses it, and the disagreement is said', async () => {
  const [poolId, token] = await Promise.all([keylessPoolId(), testIdpToken()]);
  const [header, payload] = token.split('.');
  const { user, input } = renderTester(poolId);
  await user.click(input);
  await user.paste(`${header}.${payload}.Zm9yZ2Vk`);
  expect(
    screen.getByText('This token matches the filter.'),
  ).toBeInTheDocument();
  // By keyboard: the button is reached and pressed like any other.
  const button = await screen.findByRole('button', { name: ASK });
  button.focus();
  await user.keyboard('{Enter}');
  const answer = screen.getByRole('status', { name: ANSWER });
  await waitFor(() => expect(answer).toHaveTextContent(/^Refused: /));
  expect(answer).toHaveTextContent(/signature/i);
  expect(answer).toHaveTextContent(
    /expected the token to get in\. .* cannot check the signature, issuer or expiry against the provider’s keys; the STS does/,
  );
});

test('failures are shown and the pasted token stays: no answer, a 502, a 429', async () => {
  const failures = [
    () => Promise.reject(new TypeError('Failed to fetch')),
    () =>
      Promise.resolve(
        Response.json(
          {
            errors: [
              {
                status: '502',
                code: 'upstream_unreachable',
                detail: 'Lifeguard could not reach the emulator’s STS.',
              },
            ],
          },
          { status: 502 },
        ),
      ),
    () =>
      Promise.resolve(
        Response.json(
          {
            errors: [
              {
                status: '429',
                code: 'sts_rate_limited',
                detail:
                  'The emulator’s STS is limiting requests; try again in 7 s.',
              },
            ],
          },
          { status: 429, headers: { 'retry-after': '7' } },
        ),
      ),
  ];
  let next = 0;
  spyOnFetch(async (request, forward) =>
    request.url.pathname === '/api/lifeguard/sts-check'
      ? failures[next++]!()
      : forward(),
  );
  const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdmMifQ.c2ln';
  const { user, input } = renderTester('pool-AzXR');
  await user.click(input);
  await user.paste(token);
  const button = await screen.findByRole('button', { name: ASK });
  for (const message of [
    'Lifeguard’s server could not be reached.',
    'Lifeguard could not reach the emulator’s STS.',
    'The emulator’s STS is limiting requests; try again in 7 s.',
  ]) {
    await user.click(button);
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert).toHaveTextContent(message));
    expect(alert).toHaveTextContent('The emulator’s STS could not be asked');
    expect(input).toHaveValue(token);
  }
});
