import type { ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { RetryNotice } from '@/components/errors/retry-notice.tsx';
import {
  Tabs,
  TabsContent,
  TabsList,
  TabsTrigger,
} from '@/components/ui/tabs.tsx';

// The detail screens of every kind (identity pool, group mapping,
// certificate pool) share these sections. Only lazy route modules import
// this module: the first screen's budget has no room for the tabs.

const DETAIL_TABS = ['details', 'history', 'access'] as const;

/** A section of a detail screen; `details` is the one without `?tab=`. */
export type DetailTab = (typeof DETAIL_TABS)[number];

function isDetailTab(value: string | null): value is DetailTab {
  return (DETAIL_TABS as readonly (string | null)[]).includes(value);
}

/**
 * The open section of a detail screen, from `?tab=` (anything else is
 * `details`), and a setter that writes it back, so a section is a link. It
 * replaces the history entry: switching tabs is not a step to go back over.
 */
export function useDetailTab(): [DetailTab, (tab: string) => void] {
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('tab');
  const tab = isDetailTab(requested) ? requested : 'details';
  function setTab(value: string) {
    if (!isDetailTab(value)) return;
    const next = new URLSearchParams(searchParams);
    if (value === 'details') next.delete('tab');
    else next.set('tab', value);
    setSearchParams(next, { replace: true });
  }
  return [tab, setTab];
}

/**
 * A detail screen's Details, History and Access tabs, the open one from
 * the URL (`useDetailTab`). `label` names the tab list for a screen reader
 * ("Pool sections"). While `query` (the object's own) tries again after a
 * failed refetch, the Details tab says so above what it still shows.
 */
export function DetailTabs({
  label,
  query,
  details,
  history,
  access,
}: {
  label: string;
  query: { isFetching: boolean; failureReason: unknown };
  details: ReactNode;
  history: ReactNode;
  access: ReactNode;
}) {
  const [tab, setTab] = useDetailTab();
  return (
    <Tabs value={tab} onValueChange={setTab}>
      <TabsList aria-label={label}>
        <TabsTrigger value="details">Details</TabsTrigger>
        <TabsTrigger value="history">History</TabsTrigger>
        <TabsTrigger value="access">Access</TabsTrigger>
      </TabsList>
      <TabsContent value="details">
        {query.isFetching && query.failureReason ? (
          <RetryNotice error={query.failureReason} className="mb-3" />
        ) : null}
        {details}
      </TabsContent>
      <TabsContent value="history">{history}</TabsContent>
      <TabsContent value="access">{access}</TabsContent>
    </Tabs>
  );
}
