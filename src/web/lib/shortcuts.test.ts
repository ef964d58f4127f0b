import { afterEach, expect, test } from 'vitest';
import {
  isTypingTarget,
  readShortcutsEnabled,
  saveShortcutsEnabled,
  SHORTCUTS,
  SHORTCUTS_STORAGE_KEY,
  shortcutFor,
} from './shortcuts.ts';

afterEach(() => {
  document.body.innerHTML = '';
});

function mount<T extends Element>(html: string, selector: string): T {
  document.body.innerHTML = html;
  const element = document.querySelector<T>(selector);
  if (!element) throw new Error(`no ${selector} in ${html}`);
  return element;
}

type Flags = {
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  isComposing?: boolean;
  defaultPrevented?: boolean;
};

/** A key press on `target`, as a keydown event reports it. */
function press(
  key: string,
  target: EventTarget | null = document.body,
  flags: Flags = {},
) {
  return {
    key,
    target,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    isComposing: false,
    defaultPrevented: false,
    ...flags,
  };
}

test('each shortcut key on the page maps to its action', () => {
  expect(shortcutFor(press('/'))).toBe('search');
  expect(shortcutFor(press('n'))).toBe('new-pool');
  expect(shortcutFor(press('e'))).toBe('edit');
  expect(shortcutFor(press('?'))).toBe('help');
  expect(shortcutFor(press('x'))).toBeUndefined();
  // Caps lock or Shift makes a different key: not a shortcut.
  expect(shortcutFor(press('N'))).toBeUndefined();
});

test('a key on a link, a button, a checkbox or a radio still counts', () => {
  for (const html of [
    '<a href="/x">x</a>',
    '<button type="button">x</button>',
    '<input type="checkbox">',
    '<input type="radio">',
  ]) {
    const target = mount(html, 'a, button, input');
    expect(shortcutFor(press('n', target)), html).toBe('new-pool');
  }
});

test('never while typing: text inputs, textarea, select, contenteditable, the CodeMirror editor', () => {
  for (const html of [
    '<input>',
    '<input type="search">',
    '<input type="email">',
    '<input type="number">',
    '<textarea></textarea>',
    '<select><option>a</option></select>',
    '<div contenteditable="true"><p id="t">x</p></div>',
    '<div class="cm-editor"><div class="cm-content" id="t"></div></div>',
  ]) {
    const target = mount(html, '#t, input, textarea, select');
    expect(isTypingTarget(target), html).toBe(true);
    for (const { key } of SHORTCUTS) {
      expect(shortcutFor(press(key, target)), `${key} in ${html}`).toBe(
        undefined,
      );
    }
  }
});

test('never inside a dialog or an open list box', () => {
  for (const html of [
    '<div role="dialog"><button id="t">x</button></div>',
    '<div role="alertdialog"><button id="t">x</button></div>',
    '<div role="listbox"><div role="option" id="t">x</div></div>',
  ]) {
    const target = mount(html, '#t');
    expect(shortcutFor(press('?', target)), html).toBeUndefined();
  }
});

test('never with Ctrl, Alt or Meta, mid-composition, or once handled', () => {
  expect(shortcutFor(press('n', document.body, { ctrlKey: true }))).toBe(
    undefined,
  );
  expect(shortcutFor(press('n', document.body, { metaKey: true }))).toBe(
    undefined,
  );
  expect(shortcutFor(press('/', document.body, { altKey: true }))).toBe(
    undefined,
  );
  expect(shortcutFor(press('e', document.body, { isComposing: true }))).toBe(
    undefined,
  );
  expect(
    shortcutFor(press('e', document.body, { defaultPrevented: true })),
  ).toBe(undefined);
  expect(shortcutFor(press('e', null))).toBe('edit');
});

test('every shortcut has its own key', () => {
  const keys = SHORTCUTS.map((shortcut) => shortcut.key);
  expect(new Set(keys).size).toBe(keys.length);
});

test('turning the shortcuts off is remembered; on is the default', () => {
  localStorage.clear();
  expect(readShortcutsEnabled()).toBe(true);
  saveShortcutsEnabled(false);
  expect(localStorage.getItem(SHORTCUTS_STORAGE_KEY)).toBe('off');
  expect(readShortcutsEnabled()).toBe(false);
  saveShortcutsEnabled(true);
  expect(localStorage.getItem(SHORTCUTS_STORAGE_KEY)).toBeNull();
  expect(readShortcutsEnabled()).toBe(true);
});
