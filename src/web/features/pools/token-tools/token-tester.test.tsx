import { QueryClientProvider } from '@tanstack/react-query';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { render } from '@testing-library/react';
import { expect, test } from 'vitest';
import { createQueryClient } from '@/lib/query-client.ts';
import { TokenTester } from './token-tester.tsx';

const FILTER = 'claims.aud == "kafka" && claims.sub.startsWith("svc-")';

function jwt(payload: object) {
  const part = (value: object) =>
    btoa(JSON.stringify(value))
      .replace(/=+$/, '')
      .replace(/\+/g, '-')
      .replace(/\//g, '_');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.c2ln`;
}

function renderTester(props: Partial<Parameters<typeof TokenTester>[0]> = {}) {
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={createQueryClient({ retries: false })}>
      <TokenTester
        filter={FILTER}
        identityClaim="claims.sub"
        providerIssuer="https://idp.example"
        {...props}
      />
    </QueryClientProvider>,
  );
  const input = screen.getByLabelText('Token or claims');
  return { user, input };
}

test('a matching token: every condition passes and the identity is shown', async () => {
  const { user, input } = renderTester();
  await user.click(input);
  await user.paste(
    jwt({ iss: 'https://idp.example', sub: 'svc-orders', aud: 'kafka' }),
  );
  expect(screen.getByRole('status')).toHaveTextContent(
    'This token matches the filter.',
  );
  const conditions = within(
    screen.getByRole('list', { name: 'Conditions' }),
  ).getAllByRole('listitem');
  expect(conditions.map((c) => c.textContent)).toEqual([
    '✓claims.aud == "kafka" passes',
    '✓claims.sub.startsWith("svc-") passes',
  ]);
  expect(
    screen.getByText('svc-orders', { selector: 'code' }),
  ).toBeInTheDocument();
});

test('a token that misses a claim fails, says which condition and why', async () => {
  const { user, input } = renderTester();
  await user.click(input);
  await user.paste('{"sub": "alice", "iss": "https://elsewhere.example"}');
  expect(screen.getByRole('status')).toHaveTextContent('does not match');
  const list = screen.getByRole('list', { name: 'Conditions' });
  expect(within(list).getByText(/aud/, { selector: 'span' })).toHaveTextContent(
    /absent/,
  );
  expect(
    screen.getByText(
      /issued by https:\/\/elsewhere.example, not by this provider/,
    ),
  ).toBeInTheDocument();
});

test('the identity claim is previewed, or why it cannot be read', async () => {
  const { user, input } = renderTester({ identityClaim: 'claims.ext.uid' });
  await user.click(input);
  await user.paste('{"sub": "svc-x", "aud": "kafka", "ext": {"uid": 42}}');
  expect(screen.getByText(/number/, { selector: 'span' })).toBeInTheDocument();
});

test('garbage is explained; an invalid filter says it cannot be tested yet', async () => {
  const first = renderTester();
  await first.user.click(first.input);
  await first.user.paste('not a token');
  expect(screen.getByText(/three parts/)).toBeInTheDocument();
  expect(first.input).toHaveAttribute('aria-invalid', 'true');
});

test('an invalid filter cannot be tested yet', async () => {
  const { user, input } = renderTester({ filter: 'claims.sub ==' });
  await user.click(input);
  await user.paste('{"sub": "x"}');
  expect(screen.getByText(/cannot be tested yet/)).toBeInTheDocument();
});

const HOUR = 3600;
const nowSeconds = () => Math.floor(Date.now() / 1000);

test('an expired token is headlined as rejected, not as a match', async () => {
  const { user, input } = renderTester();
  await user.click(input);
  await user.paste(
    jwt({
      iss: 'https://idp.example',
      sub: 'svc-orders',
      aud: 'kafka',
      exp: nowSeconds() - 3 * HOUR,
    }),
  );
  const verdict = screen.getByRole('status');
  expect(verdict).toHaveTextContent(
    'Confluent would reject this token: it expired 3 hours ago.',
  );
  expect(verdict).toHaveTextContent(
    /On its claims alone it matches the filter, .* it lands in no pool/,
  );
  expect(
    screen.queryByText('This token matches the filter.'),
  ).not.toBeInTheDocument();
});

test('a token from another issuer is headlined as rejected, naming both issuers', async () => {
  const { user, input } = renderTester();
  await user.click(input);
  await user.paste(
    jwt({
      iss: 'https://evil.example.com',
      sub: 'svc-orders',
      aud: 'kafka',
      exp: nowSeconds() - 3 * HOUR,
    }),
  );
  expect(screen.getByRole('status')).toHaveTextContent(
    'Confluent would reject this token: it was issued by https://evil.example.com, not by this provider (https://idp.example) and it expired 3 hours ago.',
  );
  expect(
    screen.queryByText('This token matches the filter.'),
  ).not.toBeInTheDocument();
});

test('a token not valid yet is rejected too; a current one of this issuer matches', async () => {
  const { user, input } = renderTester();
  await user.click(input);
  await user.paste(
    JSON.stringify({
      iss: 'https://idp.example/',
      sub: 'svc-orders',
      aud: 'kafka',
      nbf: nowSeconds() + 2 * HOUR + 60,
    }),
  );
  expect(screen.getByRole('status')).toHaveTextContent(
    'Confluent would reject this token: it only becomes valid in 2 hours.',
  );
  await user.clear(input);
  await user.paste(
    JSON.stringify({
      iss: 'https://idp.example/',
      sub: 'svc-orders',
      aud: 'kafka',
      exp: nowSeconds() + HOUR,
    }),
  );
  expect(screen.getByRole('status')).toHaveTextContent(
    'This token matches the filter.',
  );
});
