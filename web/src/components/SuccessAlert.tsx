import { Alert } from '@mantine/core';
import { CheckIcon } from './Icons.tsx';

export function SuccessAlert({ children, testId = 'success-alert' }: { children: React.ReactNode; testId?: string }) {
  if (!children) return null;
  return (
    <Alert color="teal" variant="light" icon={<CheckIcon />} role="status" data-testid={testId}>
      {children}
    </Alert>
  );
}
