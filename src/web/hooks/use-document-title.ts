import { useEffect } from 'react';

/** Sets the tab title as "<title> · Lifeguard" while the screen is shown. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Lifeguard` : 'Lifeguard';
  }, [title]);
}
