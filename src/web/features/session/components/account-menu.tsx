import type { Role } from '#contract/auth.ts';
import { Button } from '@/components/ui/button.tsx';
import { cn } from '@/lib/cn.ts';
import type { SessionInfo } from '../api/session.ts';

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span
      data-slot="role-badge"
      className={cn(
        'rounded-full px-2 py-0.5 text-xs font-medium',
        role === 'admin'
          ? 'bg-brand-100 text-brand-800'
          : 'bg-slate-100 text-slate-800',
      )}
    >
      {role}
    </span>
  );
}

/** Who is signed in, at the end of the header, with the way out. */
export function AccountMenu({
  session,
  onSignOut,
  isSigningOut,
}: {
  session: SessionInfo;
  onSignOut: () => void;
  isSigningOut: boolean;
}) {
  if (session.mode === 'none') {
    return <p className="text-sm text-slate-600">No sign-in (loopback only)</p>;
  }
  if (!session.user) return null;
  return (
    <div className="flex items-center gap-3">
      <p className="flex items-center gap-2 text-sm">
        <span className="sr-only">Signed in as </span>
        <span className="max-w-48 truncate font-medium">
          {session.user.name}
        </span>
        <span className="sr-only">, role </span>
        <RoleBadge role={session.user.role} />
      </p>
      <Button
        variant="secondary"
        size="sm"
        disabled={isSigningOut}
        onClick={onSignOut}
      >
        {isSigningOut ? 'Signing out…' : 'Sign out'}
      </Button>
    </div>
  );
}
