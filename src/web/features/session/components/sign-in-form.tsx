import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { loginInputSchema, type LoginInput } from '#contract/login-input.ts';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { FormField } from '@/components/form/form-field.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { ApiError, getErrorMessage } from '@/lib/errors.ts';
import { useLogin } from '../api/mutations.ts';

/** "30 seconds", "about 2 minutes": how long until another attempt is let through. */
export function formatWait(seconds: number): string {
  if (seconds < 60) {
    const whole = Math.max(1, Math.ceil(seconds));
    return `${whole} second${whole === 1 ? '' : 's'}`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
}

function SignInError({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.status === 429) {
    return (
      <Alert tone="warning">
        <AlertTitle>Too many sign-in attempts</AlertTitle>
        <p>
          {error.retryAfterSeconds !== undefined
            ? `You can try again in ${formatWait(error.retryAfterSeconds)}.`
            : 'Wait a few minutes, then try again.'}
        </p>
      </Alert>
    );
  }
  return (
    <Alert>
      <AlertTitle>Could not sign in</AlertTitle>
      {/* 401 carries the server's deliberately generic wording. */}
      <p>{getErrorMessage(error)}</p>
    </Alert>
  );
}

/** Username and password, checked by Lifeguard's server (AUTH_MODE=password). */
export function SignInForm({
  onSignedIn,
  autoFocus = false,
}: {
  onSignedIn?: () => void;
  autoFocus?: boolean;
}) {
  const signIn = useLogin();
  // The error object for the alert; RHF's root error holds only text.
  const [submitError, setSubmitError] = useState<unknown>();
  const {
    control,
    handleSubmit,
    resetField,
    setFocus,
    formState: { isSubmitting },
  } = useForm<LoginInput>({
    resolver: zodResolver(loginInputSchema),
    defaultValues: { username: '', password: '' },
  });
  const isBusy = isSubmitting || signIn.isPending;

  const submit = handleSubmit(async (values) => {
    setSubmitError(undefined);
    try {
      await signIn.mutateAsync(values);
      onSignedIn?.();
    } catch (caught) {
      setSubmitError(caught);
      // The username stays for the next try; the password is typed again.
      resetField('password');
      setFocus('password');
    }
  });

  return (
    <form
      noValidate
      aria-busy={isBusy}
      onSubmit={(event) => void submit(event)}
      className="grid gap-4"
    >
      {submitError !== undefined && <SignInError error={submitError} />}
      <FormField control={control} name="username" label="Username">
        {(props) => (
          <Input
            {...props}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            autoFocus={autoFocus}
          />
        )}
      </FormField>
      <FormField control={control} name="password" label="Password">
        {(props) => (
          <Input {...props} type="password" autoComplete="current-password" />
        )}
      </FormField>
      <Button
        type="submit"
        pending={isBusy}
        pendingLabel="Signing in…"
        className="justify-self-start"
      >
        Sign in
      </Button>
    </form>
  );
}
