import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { expect, test } from 'vitest';
import { VIEWER_WRITE_REASON, type SessionInfo } from '#contract/auth.ts';
import { createQueryClient } from '@/lib/query-client.ts';
import { LOCAL_SESSION, VIEWER_SESSION } from '@/testing/render.tsx';
import { sessionQueries } from '../api/queries.ts';
import { WriteAccessGate } from './write-access-gate.tsx';

function renderGate(session: SessionInfo) {
  const queryClient = createQueryClient({ retries: false });
  queryClient.setQueryData(sessionQueries.current().queryKey, session);
  return render(
    <QueryClientProvider client={queryClient}>
      <MemoryRouter>
        <WriteAccessGate
          refusal="You cannot edit pools"
          backHref="/providers/op-1/pools/pool-1"
          backLabel="Back to the pool"
        >
          <form aria-label="Edit pool" />
        </WriteAccessGate>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

test('a role that may write gets the screen', () => {
  renderGate(LOCAL_SESSION);
  expect(screen.getByRole('form', { name: 'Edit pool' })).toBeInTheDocument();
  expect(screen.queryByText('You cannot edit pools')).not.toBeInTheDocument();
});

test('any other role gets why not, and the way back, instead', () => {
  renderGate(VIEWER_SESSION);
  expect(screen.queryByRole('form')).not.toBeInTheDocument();
  expect(screen.getByText('You cannot edit pools')).toBeInTheDocument();
  expect(screen.getByText(VIEWER_WRITE_REASON)).toBeInTheDocument();
  expect(
    screen.getByRole('link', { name: 'Back to the pool' }),
  ).toHaveAttribute('href', '/providers/op-1/pools/pool-1');
});
