import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { expect, test } from 'vitest';
import {
  ScreenActions,
  WriteAction,
  WriteActionLink,
} from './screen-actions.tsx';

const REASON = 'Your role (viewer) can look but not change anything.';

function renderActions(refusal: string | undefined) {
  return render(
    <MemoryRouter>
      <ScreenActions refusal={refusal}>
        <WriteActionLink
          to="/pools/1/edit"
          variant="secondary"
          aria-keyshortcuts="e"
        >
          Edit
        </WriteActionLink>
        <button type="button">Export</button>
        <WriteAction label="Delete" variant="danger">
          <button type="button">Delete…</button>
        </WriteAction>
      </ScreenActions>
    </MemoryRouter>,
  );
}

test('where the role may write, each action is itself: a link, the dialog’s trigger', () => {
  renderActions(undefined);
  const edit = screen.getByRole('link', { name: 'Edit' });
  expect(edit).toHaveAttribute('href', '/pools/1/edit');
  expect(edit).toHaveAttribute('aria-keyshortcuts', 'e');
  expect(screen.getByRole('button', { name: 'Delete…' })).toBeEnabled();
  expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled();
  expect(screen.queryByText(REASON)).not.toBeInTheDocument();
});

test('where it may not, the writing actions stay in place, disabled, and say why', () => {
  renderActions(REASON);
  expect(screen.queryByRole('link')).not.toBeInTheDocument();
  const edit = screen.getByRole('button', { name: 'Edit' });
  const remove = screen.getByRole('button', { name: 'Delete' });
  for (const control of [edit, remove]) {
    expect(control).toBeDisabled();
    expect(control).toHaveAccessibleDescription(REASON);
  }
  // The shortcut is the link's: a disabled button does not advertise it.
  expect(edit).not.toHaveAttribute('aria-keyshortcuts');
  // What does not write is left alone.
  expect(screen.getByRole('button', { name: 'Export' })).toBeEnabled();
  expect(
    screen.getAllByRole('button').map((button) => button.textContent),
  ).toEqual(['Edit', 'Export', 'Delete']);
  expect(screen.getByText(REASON)).toBeVisible();
});
