import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { expect, test } from 'vitest';
import {
  builderToFilter,
  emptyBuilder,
  filterToBuilder,
  type BuilderGroup,
} from '#filter/builder.ts';
import type { FilterDialect } from '#filter/dialect.ts';
import { FilterBuilder } from './filter-builder.tsx';

function modelOf(source: string): BuilderGroup {
  const result = filterToBuilder(source);
  if (!result.ok) throw new Error(result.reason);
  return result.model;
}

function Harness({
  initial,
  claimSuggestions,
  dialect,
}: {
  initial: BuilderGroup;
  claimSuggestions?: string[];
  dialect?: FilterDialect;
}) {
  const [model, setModel] = useState(initial);
  return (
    <>
      <FilterBuilder
        model={model}
        onChange={setModel}
        claimSuggestions={claimSuggestions}
        dialect={dialect}
      />
      <output aria-label="Filter text">
        {builderToFilter(model, dialect)}
      </output>
    </>
  );
}

function setup(initial: BuilderGroup = emptyBuilder(), suggestions?: string[]) {
  const user = userEvent.setup();
  render(<Harness initial={initial} claimSuggestions={suggestions} />);
  return { user };
}

function setupDialect(dialect: FilterDialect, initial = emptyBuilder(dialect)) {
  const user = userEvent.setup();
  render(<Harness initial={initial} dialect={dialect} />);
  return { user };
}

function filterText() {
  return screen.getByRole('status', { name: 'Filter text' }).textContent;
}

function row(name: string) {
  return screen.getByRole('group', { name });
}

async function choose(
  user: ReturnType<typeof userEvent.setup>,
  combobox: string,
  option: string,
) {
  await user.click(screen.getByRole('combobox', { name: combobox }));
  await user.click(await screen.findByRole('option', { name: option }));
}

test('builds two conditions joined by && from an empty builder', async () => {
  const { user } = setup();
  await user.type(screen.getByLabelText('Claim, condition 1'), 'aud');
  await user.type(screen.getByLabelText('Value, condition 1'), 'kafka');
  await user.click(screen.getByRole('button', { name: 'Add condition' }));
  expect(screen.getByLabelText('Claim, condition 2')).toHaveFocus();
  await user.keyboard('sub');
  await choose(user, 'Operator, condition 2', 'starts with');
  await user.type(screen.getByLabelText('Value, condition 2'), 'svc-');
  expect(filterText()).toBe(
    'claims.aud == "kafka" && claims.sub.startsWith("svc-")',
  );
});

test('the Match select joins the top group with all or any', async () => {
  const { user } = setup(
    modelOf('claims.aud == "kafka" && claims.sub == "svc"'),
  );
  expect(screen.getByRole('combobox', { name: 'Match' })).toHaveTextContent(
    'all conditions',
  );
  await choose(user, 'Match', 'any condition');
  expect(filterText()).toBe('claims.aud == "kafka" || claims.sub == "svc"');
  await choose(user, 'Match', 'all conditions');
  expect(filterText()).toBe('claims.aud == "kafka" && claims.sub == "svc"');
});

test('a nested group has its own Match and prints in parentheses', async () => {
  const { user } = setup(modelOf('claims.aud == "kafka"'));
  await user.click(screen.getByRole('button', { name: 'Add group' }));
  const group = row('Group 2');
  expect(
    within(group).getByRole('combobox', { name: 'Match, group 2' }),
  ).toHaveTextContent('any condition');
  expect(screen.getByLabelText('Claim, condition 2.1')).toHaveFocus();
  await user.keyboard('sub');
  await user.type(screen.getByLabelText('Value, condition 2.1'), 'alice');
  await user.click(
    within(group).getByRole('button', { name: 'Add condition to group 2' }),
  );
  await user.type(screen.getByLabelText('Claim, condition 2.2'), 'groups');
  await choose(user, 'Operator, condition 2.2', 'contains value (list claim)');
  await user.type(screen.getByLabelText('Value, condition 2.2'), 'admins');
  expect(filterText()).toBe(
    'claims.aud == "kafka" && (claims.sub == "alice" || "admins" in claims.groups)',
  );

  await choose(user, 'Match, group 2', 'all conditions');
  expect(filterText()).toBe(
    'claims.aud == "kafka" && claims.sub == "alice" && "admins" in claims.groups',
  );
});

test('nested groups read from text show indented with their rows', () => {
  setup(
    modelOf(
      'claims.iss == "https://idp" && (claims.sub == "a" || claims.sub == "b")',
    ),
  );
  const group = row('Group 2');
  expect(within(group).getByLabelText('Value, condition 2.1')).toHaveValue('a');
  expect(within(group).getByLabelText('Value, condition 2.2')).toHaveValue('b');
  expect(screen.getByLabelText('Value, condition 1')).toHaveValue(
    'https://idp',
  );
});

test('Remove condition and Remove group drop items and keep focus nearby', async () => {
  const { user } = setup(
    modelOf(
      'claims.a == "1" && claims.b == "2" && (claims.c == "3" || claims.d == "4")',
    ),
  );
  await user.click(
    within(row('Condition 1')).getByRole('button', {
      name: 'Remove condition 1',
    }),
  );
  expect(filterText()).toBe(
    'claims.b == "2" && (claims.c == "3" || claims.d == "4")',
  );
  // The next row slid into place and has focus.
  expect(screen.getByLabelText('Claim, condition 1')).toHaveFocus();
  expect(screen.getByLabelText('Claim, condition 1')).toHaveValue('b');

  await user.click(screen.getByRole('button', { name: 'Remove group 2' }));
  expect(filterText()).toBe('claims.b == "2"');
  expect(screen.queryByRole('group', { name: 'Group 2' })).toBeNull();
  expect(screen.getByLabelText('Claim, condition 1')).toHaveFocus();

  await user.click(screen.getByRole('button', { name: 'Remove condition 1' }));
  expect(filterText()).toBe('true');
  expect(
    screen.getByText(/every token from this identity provider matches/),
  ).toBeInTheDocument();
  expect(screen.getByRole('button', { name: 'Add condition' })).toHaveFocus();
});

test('a list operator takes one value per line, commas included', async () => {
  const { user } = setup();
  await user.type(screen.getByLabelText('Claim, condition 1'), 'aud');
  await user.type(screen.getByLabelText('Value, condition 1'), 'kafka');
  await choose(user, 'Operator, condition 1', 'is one of');
  const values = screen.getByRole('textbox', { name: /^Values, condition 1/ });
  // The single value carries over as the first item.
  expect(values).toHaveValue('kafka');
  await user.type(values, '{Enter}a, b{Enter}');
  expect(filterText()).toBe('claims.aud in ["kafka", "a, b", ""]');
  await user.tab();
  expect(filterText()).toBe('claims.aud in ["kafka", "a, b"]');
  expect(values).toHaveValue('kafka\na, b');

  await choose(user, 'Operator, condition 1', 'is not one of');
  expect(filterText()).toBe('!(claims.aud in ["kafka", "a, b"])');
  await choose(user, 'Operator, condition 1', 'does not equal');
  expect(filterText()).toBe('claims.aud != "kafka"');
});

test('present and absent take no value', async () => {
  const { user } = setup(modelOf('claims.email == "a@example.com"'));
  await choose(user, 'Operator, condition 1', 'is absent');
  expect(screen.queryByLabelText('Value, condition 1')).toBeNull();
  expect(filterText()).toBe('!has(claims.email)');
  await choose(user, 'Operator, condition 1', 'is present');
  expect(filterText()).toBe('has(claims.email)');
});

test('every operator has a human label', async () => {
  const { user } = setup();
  await user.click(
    screen.getByRole('combobox', { name: 'Operator, condition 1' }),
  );
  const options = await screen.findAllByRole('option');
  expect(options.map((option) => option.textContent)).toEqual([
    'equals',
    'does not equal',
    'is one of',
    'is not one of',
    'contains value (list claim)',
    'does not contain value',
    'starts with',
    'does not start with',
    'ends with',
    'does not end with',
    'contains text',
    'does not contain text',
    'is present',
    'is absent',
  ]);
  await user.keyboard('{Escape}');
});

test('a row’s problems show beside it once focus leaves the row', async () => {
  const { user } = setup(modelOf('claims.aud == "kafka"'));
  await user.click(screen.getByRole('button', { name: 'Add condition' }));
  const second = row('Condition 2');
  // A fresh row is not an error yet.
  expect(within(second).queryByRole('listitem')).toBeNull();
  await user.keyboard('claims.sub');
  await user.tab(); // to the operator select, still inside the row
  expect(within(second).queryByRole('listitem')).toBeNull();
  await user.click(document.body);
  expect(second).toHaveTextContent(
    'Leave out claims.: write sub, not claims.sub',
  );
  expect(second).toHaveTextContent('Enter a value');
  expect(within(second).getByLabelText('Claim, condition 2')).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  expect(row('Condition 1')).not.toHaveTextContent('Enter');

  await user.clear(within(second).getByLabelText('Claim, condition 2'));
  await user.type(within(second).getByLabelText('Claim, condition 2'), 'sub');
  expect(second).not.toHaveTextContent('Leave out');
  expect(
    within(second).getByLabelText('Claim, condition 2'),
  ).not.toHaveAttribute('aria-invalid');
});

test('claim suggestions come from the caller and common JWT claims', () => {
  setup(emptyBuilder(), ['ext.uid', 'sub']);
  const input = screen.getByLabelText('Claim, condition 1');
  const list = document.getElementById(input.getAttribute('list') ?? '');
  const values = [...(list?.querySelectorAll('option') ?? [])].map(
    (option) => option.value,
  );
  expect(values.slice(0, 3)).toEqual(['ext.uid', 'sub', 'aud']);
  expect(values).toContain('repository_owner');
  expect(new Set(values).size).toBe(values.length);
});

// --- Other dialects ------------------------------------------------------------

test('a group-mapping row is “the user is a member of” a group', async () => {
  const { user } = setupDialect('group-mapping');
  expect(screen.queryByLabelText('Claim, condition 1')).not.toBeInTheDocument();
  expect(
    screen.getByRole('combobox', { name: 'Operator, condition 1' }),
  ).toHaveTextContent('is a member of');
  await user.type(screen.getByLabelText('Group, condition 1'), 'engineering');
  expect(filterText()).toBe('"engineering" in groups');

  await user.click(screen.getByRole('button', { name: 'Add condition' }));
  // No claim to type: focus lands on the new row's operator.
  expect(
    screen.getByRole('combobox', { name: 'Operator, condition 2' }),
  ).toHaveFocus();
  await choose(user, 'Operator, condition 2', 'is not a member of');
  await user.type(screen.getByLabelText('Group, condition 2'), 'contractors');
  expect(filterText()).toBe(
    '"engineering" in groups && !("contractors" in groups)',
  );
  // Group mappings offer membership only.
  await user.click(
    screen.getByRole('combobox', { name: 'Operator, condition 1' }),
  );
  expect(
    (await screen.findAllByRole('option')).map((option) => option.textContent),
  ).toEqual(['is a member of', 'is not a member of']);
});

test('an empty group-mapping builder says it maps every SSO user', async () => {
  const { user } = setupDialect('group-mapping');
  await user.click(screen.getByRole('button', { name: 'Remove condition 1' }));
  expect(
    screen.getByText(/every SSO user of the organisation is mapped/),
  ).toBeInTheDocument();
  expect(filterText()).toBe('true');
});

test('a certificate row picks an attribute, an operator and values', async () => {
  const { user } = setupDialect('certificate-pool');
  expect(
    screen.getByRole('combobox', { name: 'Attribute, condition 1' }),
  ).toHaveTextContent('CN (common name)');
  await user.type(screen.getByLabelText('Value, condition 1'), 'orders-svc');
  expect(filterText()).toBe('CN == "orders-svc"');

  await user.click(screen.getByRole('button', { name: 'Add condition' }));
  await choose(user, 'Attribute, condition 2', 'OU (organizational unit)');
  await choose(user, 'Operator, condition 2', 'is one of');
  await user.type(
    screen.getByLabelText('Values, condition 2'),
    'payments{Enter}orders',
  );
  expect(filterText()).toBe(
    'CN == "orders-svc" && OU in ["payments", "orders"]',
  );
  // No presence tests: a certificate filter has no has().
  await user.click(
    screen.getByRole('combobox', { name: 'Operator, condition 1' }),
  );
  const operators = (await screen.findAllByRole('option')).map(
    (option) => option.textContent,
  );
  expect(operators).not.toContain('is present');
  expect(operators).toContain('starts with');
});
