import { useNavigate } from 'react-router';
import { certificatePaths } from '@/config/federation-paths.ts';
import { notify } from '@/lib/notify.ts';
import { useCreateAuthority } from '../api/mutations.ts';
import { authorityDraftScope } from '../drafts.ts';
import { AuthorityForm } from './authority-form.tsx';
import {
  EMPTY_AUTHORITY,
  authorityCreateBodyOf,
  authorityFormContextOf,
  type AuthorityFormValues,
} from './authority-schema.ts';

const CONTEXT = authorityFormContextOf(undefined);

/** The register form; registering lands on the new authority's page. */
export function AuthorityCreator() {
  const navigate = useNavigate();
  const createAuthority = useCreateAuthority();

  async function create(values: AuthorityFormValues) {
    const authority = await createAuthority.mutateAsync(
      authorityCreateBodyOf(values),
    );
    notify.success(`Registered ${authority.display_name}`);
    // Replace, so Back from the authority does not return to a spent form.
    void navigate(certificatePaths.authority.getHref(authority.id), {
      replace: true,
    });
  }

  return (
    <AuthorityForm
      defaultValues={EMPTY_AUTHORITY}
      context={CONTEXT}
      submitLabel="Register certificate authority"
      pendingLabel="Registering…"
      onSubmit={create}
      isPending={createAuthority.isPending}
      cancelHref={certificatePaths.list.getHref()}
      draft={{ scope: authorityDraftScope(), base: null }}
    />
  );
}
