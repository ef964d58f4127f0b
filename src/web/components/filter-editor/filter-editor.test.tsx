import { currentCompletions } from '@codemirror/autocomplete';
import { forEachDiagnostic } from '@codemirror/lint';
import type { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { expect, test, vi } from 'vitest';
import { FilterEditor, type FilterEditorProps } from './filter-editor.tsx';
import { LazyFilterEditor } from './lazy-filter-editor.tsx';

// jsdom does no layout, and CodeMirror measures text ranges after each
// update; empty rectangles are enough for it to carry on.
Range.prototype.getClientRects ??= function getClientRects() {
  return Object.assign([], { item: () => null }) as unknown as DOMRectList;
};
Range.prototype.getBoundingClientRect ??= function getBoundingClientRect() {
  return {
    x: 0,
    y: 0,
    width: 0,
    height: 0,
    top: 0,
    right: 0,
    bottom: 0,
    left: 0,
    toJSON: () => ({}),
  };
};

type Props = Partial<FilterEditorProps> & { initial?: string };

function ControlledEditor({ initial = '', onChange, ...props }: Props) {
  const [value, setValue] = useState(initial);
  return (
    <FilterEditor
      id="filter"
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange?.(next);
      }}
      {...props}
    />
  );
}

function getEditor() {
  const editor = screen.getByRole('textbox', { name: 'Filter' });
  const view = EditorView.findFromDOM(editor);
  if (view === null) throw new Error('No CodeMirror view around the textbox');
  return { editor, view };
}

function editorDiagnostics(state: EditorState) {
  const found: string[] = [];
  forEachDiagnostic(state, (diagnostic, from, to) =>
    found.push(`${diagnostic.severity} ${from}–${to} ${diagnostic.source}`),
  );
  return found;
}

function diagnosticItems() {
  const list = screen.getByRole('list', { name: 'Filter diagnostics' });
  return within(list)
    .getAllByRole('listitem')
    .map((item) => item.textContent);
}

test('the editable element is the labelled, described textbox', () => {
  render(
    <>
      <label htmlFor="filter">Filter</label>
      <ControlledEditor
        initial="claims.sub.matches('x')"
        ariaDescribedBy="filter-help"
        invalid
      />
      <p id="filter-help">Help</p>
    </>,
  );
  const { editor } = getEditor();
  expect(editor).toHaveAttribute('id', 'filter');
  expect(editor).toHaveAttribute('contenteditable', 'true');
  expect(editor).toHaveAttribute('aria-multiline', 'true');
  expect(editor).toHaveAttribute('aria-invalid', 'true');
  expect(screen.getByLabelText('Filter')).toBe(editor);
  // The diagnostics are part of the description, after the caller's help.
  const list = screen.getByRole('list', { name: 'Filter diagnostics' });
  expect(editor).toHaveAttribute('aria-describedby', `filter-help ${list.id}`);
  expect(editor).toHaveAccessibleDescription(/^Help Error, characters 12–23/);
});

test('the field is invalid while it shows an error, and only then', async () => {
  const user = userEvent.setup();
  render(<ControlledEditor initial={'claims.aud == "kafka"'} />);
  const { editor } = getEditor();
  expect(editor).toHaveAttribute('aria-invalid', 'false');
  await user.click(editor);
  await user.keyboard('{Control>}a{/Control}claims.aud == ');
  expect(diagnosticItems()).toEqual([
    'Error, character 15: Expected a value after ==',
  ]);
  expect(editor).toHaveAttribute('aria-invalid', 'true');
  // Warnings and hints leave it valid.
  await user.keyboard('"kafka"');
  expect(diagnosticItems()).not.toEqual([]);
  expect(diagnosticItems().filter((item) => item?.startsWith('Error'))).toEqual(
    [],
  );
  expect(editor).toHaveAttribute('aria-invalid', 'false');
});

test('typing reports each change and Ctrl-Z undoes it', async () => {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(<ControlledEditor onChange={onChange} />);
  const { editor, view } = getEditor();
  await user.click(editor);
  await user.keyboard('claims.sub == "svc"');
  expect(onChange).toHaveBeenLastCalledWith('claims.sub == "svc"');
  expect(view.state.doc.toString()).toBe('claims.sub == "svc"');

  await user.keyboard('{Control>}z{/Control}');
  expect(onChange).toHaveBeenLastCalledWith('');
  expect(view.state.doc.toString()).toBe('');
});

test('brackets and quotes close themselves', async () => {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(<ControlledEditor onChange={onChange} />);
  const { editor } = getEditor();
  await user.click(editor);
  await user.keyboard('has(');
  expect(onChange).toHaveBeenLastCalledWith('has()');
  await user.keyboard('{Control>}a{/Control}claims.sub == "');
  expect(onChange).toHaveBeenLastCalledWith('claims.sub == ""');
});

test('an empty filter shows no diagnostics', () => {
  render(<ControlledEditor initial="" />);
  expect(
    screen.queryByRole('list', { name: 'Filter diagnostics' }),
  ).not.toBeInTheDocument();
  expect(getEditor().editor).not.toHaveAttribute('aria-describedby');
});

test('a function outside the subset is an error with its range', () => {
  render(<ControlledEditor initial={'claims.sub.matches("x")'} />);
  expect(diagnosticItems()).toEqual([
    'Error, characters 12–23: matches() is not supported in identity pool filters',
  ]);
});

test('`true` warns that it matches every token', () => {
  render(<ControlledEditor initial="true" />);
  const items = diagnosticItems();
  expect(items[0]).toBe(
    'Warning, characters 1–4: This filter matches every token the provider issues; add conditions on claims such as claims.aud or claims.sub',
  );
  expect(items).toHaveLength(2);
  expect(
    within(
      screen.getByRole('list', { name: 'Filter diagnostics' }),
    ).queryByRole('button'),
  ).not.toBeInTheDocument();
});

test('the diagnostics follow the value as it is edited', async () => {
  const user = userEvent.setup();
  render(<ControlledEditor initial="true" />);
  const { editor } = getEditor();
  await user.click(editor);
  await user.keyboard('{Control>}a{/Control}claims.sub.matches("x")');
  expect(diagnosticItems()).toEqual([
    'Error, characters 12–23: matches() is not supported in identity pool filters',
  ]);
});

test('the editor underlines the same diagnostics after a short pause', async () => {
  render(<ControlledEditor initial="true" />);
  const { view } = getEditor();
  await waitFor(() =>
    expect(editorDiagnostics(view.state)).toEqual([
      'warning 0–4 matches-everything',
      'warning 0–4 no-sub-or-aud',
    ]),
  );
});

test('a fix button applies the fix to the editor and the value', async () => {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(
    <ControlledEditor
      initial={'claims.aud == "kafka"'}
      sampleClaims={{ aud: ['kafka'] }}
      onChange={onChange}
    />,
  );
  expect(diagnosticItems()[0]).toMatch(
    /^Warning, characters 1–21: In the sample token claims\.aud is an array/,
  );
  // The comparison stays: tokens whose aud is a string still match.
  await user.click(
    screen.getByRole('button', {
      name: 'Fix: Add || "kafka" in claims.aud',
    }),
  );
  const fixed = 'claims.aud == "kafka" || "kafka" in claims.aud';
  expect(onChange).toHaveBeenLastCalledWith(fixed);
  const { editor, view } = getEditor();
  expect(view.state.doc.toString()).toBe(fixed);
  expect(editor).toHaveFocus();
  expect(
    screen.queryByRole('list', { name: 'Filter diagnostics' }),
  ).not.toBeInTheDocument();

  // The fix is one undoable step.
  await user.keyboard('{Control>}z{/Control}');
  expect(onChange).toHaveBeenLastCalledWith('claims.aud == "kafka"');
});

test('a new value from outside replaces the text without echoing it', () => {
  const onChange = vi.fn();
  const { rerender } = render(
    <FilterEditor id="filter" value="true" onChange={onChange} />,
  );
  rerender(
    <FilterEditor
      id="filter"
      value={'claims.sub == "svc"'}
      onChange={onChange}
    />,
  );
  expect(getEditor().view.state.doc.toString()).toBe('claims.sub == "svc"');
  expect(onChange).not.toHaveBeenCalled();
});

test('Ctrl+Enter reaches the form without adding a line; Tab leaves', async () => {
  const onKeyDown = vi.fn();
  const onBlur = vi.fn();
  const user = userEvent.setup();
  render(
    <form onKeyDown={(event) => onKeyDown(event.key, event.ctrlKey)}>
      <ControlledEditor initial="true" onBlur={onBlur} />
      <button type="button">Next</button>
    </form>,
  );
  const { editor, view } = getEditor();
  await user.click(editor);
  await user.keyboard('{Control>}{Enter}{/Control}');
  expect(onKeyDown).toHaveBeenCalledWith('Enter', true);
  expect(view.state.doc.toString()).toBe('true');

  await user.tab();
  expect(screen.getByRole('button', { name: 'Next' })).toHaveFocus();
  expect(onBlur).toHaveBeenCalledOnce();
});

test('completes claim names from the sample token and the registered set', async () => {
  const user = userEvent.setup();
  render(
    <ControlledEditor
      sampleClaims={{ tenant: { region: 'eu' }, 'https://x/roles': ['a'] }}
    />,
  );
  const { editor, view } = getEditor();
  await user.click(editor);
  await user.keyboard('claims.');
  await waitFor(() =>
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(
      expect.arrayContaining([
        'tenant',
        'tenant.region',
        'https://x/roles',
        'sub',
        'aud',
        'preferred_username',
      ]),
    ),
  );

  await user.keyboard('https');
  await waitFor(() =>
    expect(currentCompletions(view.state)[0]?.label).toBe('https://x/roles'),
  );
  // Keys pressed right as the list opens are ignored (interactionDelay).
  await new Promise((resolve) => setTimeout(resolve, 100));
  await user.keyboard('{Enter}');
  expect(view.state.doc.toString()).toBe('claims["https://x/roles"]');

  await user.keyboard(' || claims.sub.');
  await waitFor(() =>
    expect(
      currentCompletions(view.state)
        .map((c) => c.label)
        .sort(),
    ).toEqual(['contains("")', 'endsWith("")', 'startsWith("")']),
  );
});

test('the lazy editor is a plain textarea until the editor loads', async () => {
  const onChange = vi.fn();
  render(
    <LazyFilterEditor
      id="filter"
      value="true"
      onChange={onChange}
      ariaDescribedBy="help"
      invalid
    />,
  );
  const fallback = screen.getByRole('textbox', { name: 'Filter' });
  expect(fallback.tagName).toBe('TEXTAREA');
  expect(fallback).toHaveAttribute('id', 'filter');
  expect(fallback).toHaveAttribute('aria-describedby', 'help');
  expect(fallback).toHaveAttribute('aria-invalid', 'true');
  expect(fallback).toHaveValue('true');
  // Someone already working in the field keeps the focus when it swaps.
  act(() => fallback.focus());

  await waitFor(() =>
    expect(screen.getByRole('textbox', { name: 'Filter' })).toHaveAttribute(
      'contenteditable',
      'true',
    ),
  );
  const { editor } = getEditor();
  expect(editor).toHaveAttribute('id', 'filter');
  expect(editor).toHaveAttribute(
    'aria-describedby',
    expect.stringMatching(/^help /),
  );
  expect(editor).toHaveFocus();
});

// --- Other dialects ------------------------------------------------------------

test('a bad group-mapping filter shows what to write instead', async () => {
  const user = userEvent.setup();
  render(<ControlledEditor dialect="group-mapping" />);
  const { editor } = getEditor();
  expect(editor.closest('.cm-editor')).toHaveTextContent(
    '"engineering" in groups',
  );
  await user.click(editor);
  await user.keyboard('claims.group == "engineering"');
  expect(diagnosticItems()).toEqual([
    'Error, characters 1–12: Group mapping filters use groups, not claims: write "engineering" in groups',
  ]);
  expect(editor).toHaveAttribute('aria-invalid', 'true');

  await user.keyboard('{Control>}a{/Control}"engineering" in groups');
  expect(
    screen.queryByRole('list', { name: 'Filter diagnostics' }),
  ).not.toBeInTheDocument();
  expect(editor).toHaveAttribute('aria-invalid', 'false');
});

test('a group mapping of `true` warns that it maps every SSO user', () => {
  render(<ControlledEditor dialect="group-mapping" initial="true" />);
  expect(diagnosticItems()).toEqual([
    'Warning, characters 1–4: This filter maps every SSO user of the organisation; to map only some, test their groups, e.g. "engineering" in groups',
  ]);
});

test('certificate pools complete the subject attributes', async () => {
  const user = userEvent.setup();
  render(
    <ControlledEditor
      dialect="certificate-pool"
      sampleClaims={{ CN: 'orders-svc', O: 'Acme' }}
    />,
  );
  const { editor, view } = getEditor();
  await user.click(editor);
  await user.keyboard('{Control>} {/Control}');
  await waitFor(() =>
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(
      expect.arrayContaining(['CN', 'O', 'OU', 'C', 'UID', 'true']),
    ),
  );
  // The sample certificate's values come first, with the value shown.
  expect(currentCompletions(view.state)[0]).toMatchObject({
    label: 'CN',
    detail: '"orders-svc"',
  });
  await user.keyboard('{Escape}CN');
  await waitFor(() =>
    expect(currentCompletions(view.state).map((c) => c.label)).toEqual(['CN']),
  );
  await user.keyboard('{Escape}.');
  expect(view.state.doc.toString()).toBe('CN.');
  await waitFor(() =>
    expect(
      currentCompletions(view.state)
        .map((c) => c.label)
        .sort(),
    ).toEqual(['contains("")', 'endsWith("")', 'startsWith("")']),
  );
});

test('a lowercase attribute is an error that names the right one', () => {
  render(<ControlledEditor dialect="certificate-pool" initial={'cn == "a"'} />);
  expect(diagnosticItems()).toEqual([
    'Error, characters 1–2: cn is not an attribute name: names are case-sensitive, write CN',
  ]);
});

test('an empty certificate filter is valid and quiet', () => {
  render(<ControlledEditor dialect="certificate-pool" initial="" />);
  expect(
    screen.queryByRole('list', { name: 'Filter diagnostics' }),
  ).not.toBeInTheDocument();
  expect(getEditor().editor).toHaveAttribute('aria-invalid', 'false');
});

test('the lazy editor shows the dialect’s placeholder', async () => {
  render(
    <LazyFilterEditor
      id="filter"
      value=""
      onChange={() => {}}
      dialect="certificate-pool"
    />,
  );
  // The stand-in textarea's placeholder, or the loaded editor's.
  await waitFor(() => {
    const field = screen.getByRole('textbox', { name: 'Filter' });
    const shown =
      field.getAttribute('placeholder') ??
      field.closest('.cm-editor')?.textContent;
    expect(shown).toBe('O == "Acme" && CN.startsWith("orders-")');
  });
});
