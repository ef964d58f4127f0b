import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { loginInputSchema, type LoginInput } from '#contract/login-input.ts';
import { Alert, AlertTitle } from '@/components/ui/alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { Field, FieldError, FieldLabel } from '@/components/ui/field.tsx';
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
  const base = useId();
  const usernameId = `${base}-username`;
  const passwordId = `${base}-password`;
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
      <Controller
        control={control}
        name="username"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={usernameId}>Username</FieldLabel>
            <Input
              {...field}
              id={usernameId}
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
              autoFocus={autoFocus}
              aria-invalid={fieldState.invalid}
              aria-describedby={
                fieldState.invalid ? `${usernameId}-error` : undefined
              }
            />
            <FieldError id={`${usernameId}-error`}>
              {fieldState.error?.message}
            </FieldError>
          </Field>
        )}
      />
      <Controller
        control={control}
        name="password"
        render={({ field, fieldState }) => (
          <Field>
            <FieldLabel htmlFor={passwordId}>Password</FieldLabel>
            <Input
              {...field}
              id={passwordId}
              type="password"
              autoComplete="current-password"
              aria-invalid={fieldState.invalid}
              aria-describedby={
                fieldState.invalid ? `${passwordId}-error` : undefined
              }
            />
            <FieldError id={`${passwordId}-error`}>
              {fieldState.error?.message}
            </FieldError>
          </Field>
        )}
      />
      <Button type="submit" disabled={isBusy} className="justify-self-start">
        {isBusy && (
          <span
            aria-hidden="true"
            className="size-4 animate-spin rounded-full border-2 border-white/40 border-t-white"
          />
        )}
        {isBusy ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
