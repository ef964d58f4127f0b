// The storage side of drafts that the app shell needs on every screen, kept
// apart from draft-store.ts so that clearing drafts never pulls its parser
// (zod) into the first screen.

/** Every key of the tab's drafts starts with it. */
export const DRAFT_KEY_PREFIX = 'lifeguard.draft.';

/** The tab's sessionStorage; undefined when there is none or it is blocked. */
export function openSessionStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.sessionStorage;
  } catch {
    // Access to sessionStorage itself can throw (blocked by the browser).
    return undefined;
  }
}

type Options = {
  prefix?: string;
  storage?: () => Storage | undefined;
};

/**
 * Removes the drafts for which `shouldRemove` says so, given each one's
 * stored text. Storage that is missing or refuses is tolerated: drafts are
 * also checked when read.
 */
function removeDrafts(
  shouldRemove: (raw: string | null) => boolean,
  { prefix = DRAFT_KEY_PREFIX, storage = openSessionStorage }: Options,
) {
  let store: Storage | undefined;
  try {
    store = storage();
  } catch {
    return;
  }
  if (!store) return;
  try {
    // Keys first: removing while walking the indexes would skip some.
    const keys: string[] = [];
    for (let index = 0; index < store.length; index += 1) {
      const key = store.key(index);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    for (const key of keys) {
      if (shouldRemove(store.getItem(key))) store.removeItem(key);
    }
  } catch {
    // Nothing more to do here: a draft left behind is still never offered
    // to another user (draft-store checks the owner on every read).
  }
}

/** Forgets every draft of this tab, whoever typed it: on sign-out. */
export function clearDrafts(options: Options = {}) {
  removeDrafts(() => true, options);
}

/**
 * Forgets every draft not typed by `owner` (the user now signed in), and
 * every draft that does not say whose it is.
 */
export function clearDraftsNotOwnedBy(owner: string, options: Options = {}) {
  removeDrafts((raw) => ownerOf(raw) !== owner, options);
}

function ownerOf(raw: string | null): unknown {
  if (raw === null) return undefined;
  try {
    const json: unknown = JSON.parse(raw);
    return typeof json === 'object' && json !== null && 'owner' in json
      ? json.owner
      : undefined;
  } catch {
    return undefined;
  }
}
