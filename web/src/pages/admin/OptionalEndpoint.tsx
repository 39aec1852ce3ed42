import { Checkbox, Stack } from '@mantine/core';
import type { Endpoint } from '@mailroom/sdk';
import { EndpointFields } from '../accounts/EndpointFields.tsx';

interface Props {
  label: string;
  value: Endpoint | null;
  /** The server's settings when it is switched on. */
  initial: Endpoint;
  onChange: (e: Endpoint | null) => void;
  error: boolean;
  testId: string;
}

/** A server a provider may or may not offer (IMAP, POP3): ticked, its host, port and security. */
export function OptionalEndpoint({ label, value, initial, onChange, error, testId }: Props) {
  return (
    <Stack gap={6}>
      <Checkbox label={label} checked={!!value} onChange={(e) => onChange(e.currentTarget.checked ? initial : null)} fw={500} data-testid={`${testId}-on`} />
      {value && <EndpointFields value={value} onChange={onChange} error={error} testId={testId} />}
    </Stack>
  );
}
