import { useMemo } from 'react';
import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';

function offsetOf(zone: string): string {
  try {
    const part = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  } catch {
    return '';
  }
}

let cached: { value: string; label: string }[] | null = null;

/** Every IANA time zone the browser knows, labelled "Europe/Warsaw · GMT+01:00". */
function zoneOptions() {
  if (cached) return cached;
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = zones.includes('UTC') ? zones : ['UTC', ...zones];
  cached = all.map((z) => ({ value: z, label: `${z.replace(/_/g, ' ')} · ${offsetOf(z)}` }));
  return cached;
}

interface Props {
  value: string;
  onChange: (zone: string) => void;
  label?: string;
  testId?: string;
}

/** A searchable select of time zones. */
export function TimeZoneSelect({ value, onChange, label, testId = 'timezone-select' }: Props) {
  const { t } = useTranslation();
  const data = useMemo(() => {
    const opts = zoneOptions();
    return opts.some((o) => o.value === value) ? opts : [{ value, label: value }, ...opts];
  }, [value]);
  return (
    <Select
      label={label ?? t('fields.timeZone')}
      placeholder={t('settings.timeZoneSearch')}
      data={data}
      value={value}
      onChange={(v) => v && onChange(v)}
      searchable
      allowDeselect={false}
      nothingFoundMessage={t('common.nothingFound')}
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      data-testid={testId}
    />
  );
}
