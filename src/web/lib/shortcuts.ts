/** What a single-key shortcut does; see SHORTCUTS. */
export type ShortcutId = 'search' | 'new-pool' | 'edit' | 'help';

export type Shortcut = {
  id: ShortcutId;
  /** `KeyboardEvent.key` as typed, so `?` works whatever the layout. */
  key: string;
  /** What it does, as the help dialog lists it. */
  action: string;
  /** Where it works. */
  where: string;
};

/** Every shortcut, in the order the help dialog lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'search',
    key: '/',
    action: 'Search: the page’s own search box, or else search all pools',
    where: 'Anywhere',
  },
  {
    id: 'new-pool',
    key: 'n',
    action: 'New pool',
    where: 'A provider’s pages',
  },
  {
    id: 'edit',
    key: 'e',
    action: 'Edit this pool or provider',
    where: 'A pool’s page, a provider’s details',
  },
  {
    id: 'help',
    key: '?',
    action: 'Show these shortcuts',
    where: 'Anywhere',
  },
];

/**
 * Where turning the shortcuts off is remembered. Single-key shortcuts must be
 * possible to turn off (WCAG 2.1.4): speech input types letters too.
 */
export const SHORTCUTS_STORAGE_KEY = 'lifeguard.shortcuts';

/** Whether the shortcuts are on: they are unless turned off in this browser. */
export function readShortcutsEnabled(): boolean {
  try {
    return window.localStorage.getItem(SHORTCUTS_STORAGE_KEY) !== 'off';
  } catch {
    // Site data blocked: the default.
    return true;
  }
}

export function saveShortcutsEnabled(isEnabled: boolean) {
  try {
    if (isEnabled) window.localStorage.removeItem(SHORTCUTS_STORAGE_KEY);
    else window.localStorage.setItem(SHORTCUTS_STORAGE_KEY, 'off');
  } catch {
    // Not remembered; it still applies to this page.
  }
}

/** Marks the element `/` focuses on a page, e.g. a list's quick filter. */
export const SEARCH_SHORTCUT_ATTRIBUTE = 'data-shortcut-search';

// Inputs that take no typed text: a letter pressed on them is no text.
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'image',
  'radio',
  'range',
  'reset',
  'submit',
]);

/**
 * Whether keys pressed on `target` are (or may be) text for it: a text
 * input, textarea, select, anything editable (the CodeMirror filter editor
 * included), or anything inside a dialog, which owns its keys.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLInputElement) {
    return !NON_TEXT_INPUTS.has(target.type);
  }
  if (
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  ) {
    return true;
  }
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  // jsdom has no isContentEditable; CodeMirror is matched by name as well.
  return (
    target.closest(
      '[contenteditable]:not([contenteditable="false"]), .cm-editor, [role="dialog"], [role="alertdialog"], [role="combobox"], [role="listbox"], [role="menu"]',
    ) !== null
  );
}

type KeyPress = Pick<
  KeyboardEvent,
  | 'key'
  | 'target'
  | 'ctrlKey'
  | 'metaKey'
  | 'altKey'
  | 'isComposing'
  | 'defaultPrevented'
>;

/**
 * The shortcut a key press asks for, or undefined: never while typing (see
 * isTypingTarget), with Ctrl, Alt or Meta held (those belong to the browser
 * and the system), mid-composition (IME), or once something else handled it.
 * Shift is allowed, as `?` needs it on most layouts.
 */
export function shortcutFor(event: KeyPress): ShortcutId | undefined {
  if (
    event.defaultPrevented ||
    event.isComposing ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    isTypingTarget(event.target)
  ) {
    return undefined;
  }
  return SHORTCUTS.find((shortcut) => shortcut.key === event.key)?.id;
}
