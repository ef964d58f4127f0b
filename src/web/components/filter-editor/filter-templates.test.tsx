import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import { FilterTemplates } from './filter-templates.tsx';

test('group mappings offer their own templates and apply one to an empty filter', async () => {
  const onApply = vi.fn();
  const user = userEvent.setup();
  render(
    <FilterTemplates
      dialect="group-mapping"
      currentFilter=""
      onApply={onApply}
    />,
  );
  const select = screen.getByRole('combobox', {
    name: 'Start from a template',
  });
  expect(
    screen.getAllByRole('option').map((option) => option.textContent),
  ).toEqual([
    'Choose a starting point…',
    'Members of one group',
    'Members of any of several groups',
    'Members of two groups at once',
    'A group, without its contractors',
  ]);
  await user.selectOptions(select, 'A group, without its contractors');
  expect(
    screen.getByText(
      'Maps the members of a group unless they are also in a contractors group.',
    ),
  ).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Use template' }));
  expect(onApply).toHaveBeenCalledWith(
    expect.objectContaining({
      filter: '"<group-name>" in groups && !("<contractors-group>" in groups)',
    }),
  );
});

test('replacing a certificate filter asks first, about the filter only', async () => {
  const onApply = vi.fn();
  const user = userEvent.setup();
  render(
    <FilterTemplates
      dialect="certificate-pool"
      currentFilter='CN == "a"'
      onApply={onApply}
    />,
  );
  await user.selectOptions(
    screen.getByRole('combobox', { name: 'Start from a template' }),
    'One client by common name',
  );
  await user.click(screen.getByRole('button', { name: 'Use template' }));
  expect(screen.getByRole('alert')).toHaveTextContent(
    'Replace the current filter with this template?',
  );
  expect(onApply).not.toHaveBeenCalled();
  await user.click(screen.getByRole('button', { name: 'Replace' }));
  expect(onApply).toHaveBeenCalledWith(
    expect.objectContaining({ filter: 'CN == "<client-name>"' }),
  );
});

test('identity pools keep their templates grouped by provider, with the identity claim', async () => {
  const onApply = vi.fn();
  const user = userEvent.setup();
  render(<FilterTemplates currentFilter="" onApply={onApply} />);
  expect(screen.getByRole('group', { name: 'Okta' })).toBeInTheDocument();
  await user.selectOptions(
    screen.getByRole('combobox', { name: 'Start from a template' }),
    'Okta: members of a group',
  );
  await user.click(screen.getByRole('button', { name: 'Use template' }));
  expect(onApply).toHaveBeenCalledWith(
    expect.objectContaining({ id: 'okta-group', identityClaim: 'claims.sub' }),
  );
});
