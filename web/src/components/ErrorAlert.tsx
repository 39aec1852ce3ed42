import { Alert } from '@mantine/core';
import { useErrorText } from '../api/errors.ts';
import { AlertIcon } from './Icons.tsx';

/** The error of a failed call, in words, from its code; renders nothing when there is none. */
export function ErrorAlert({ error, testId = 'error-alert' }: { error: unknown; testId?: string }) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<AlertIcon />} role="alert" data-testid={testId}>
      {text(error)}
    </Alert>
  );
}
