import { createContext, useContext } from 'react';

/**
 * Whose drafts the screens below may offer and write: the id of the user the
 * page is shown for, provided by the app shell from the session. Without one
 * no draft is kept or offered, since a draft that says nothing of its owner
 * could be offered to anyone.
 */
export const DraftOwnerContext = createContext<string | undefined>(undefined);

export function useDraftOwner(): string | undefined {
  return useContext(DraftOwnerContext);
}
