import { formatRelative } from '@/components/ui/relative-time.tsx';

/** "just now", "2 minutes ago": when something was saved, for a sentence. */
export function formatSavedWhen(time: number, now = Date.now()): string {
  // Intl says "now" for the first seconds, which reads badly after "from".
  if (now - time < 45_000) return 'just now';
  return formatRelative(new Date(time).toISOString(), now);
}
