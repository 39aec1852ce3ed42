import type { Endpoint, Preset, PresetInput } from '@mailroom/sdk';

/** The administrator's form of an organisation preset; domains as typed (comma separated). */
export interface PresetForm {
  id: string;
  name: string;
  domains: string;
  imap: Endpoint | null;
  pop3: Endpoint | null;
  smtp: Endpoint;
  helpUrl: string;
}

export const DEFAULT_ENDPOINT = {
  imap: { host: '', port: 993, security: 'tls' },
  pop3: { host: '', port: 995, security: 'tls' },
  smtp: { host: '', port: 465, security: 'tls' },
} as const satisfies Record<string, Endpoint>;

export const blankPreset = (): PresetForm => ({ id: '', name: '', domains: '', imap: DEFAULT_ENDPOINT.imap, pop3: null, smtp: DEFAULT_ENDPOINT.smtp, helpUrl: '' });

export const presetFormOf = (p: Preset): PresetForm => ({
  id: p.id, name: p.name, domains: p.domains.join(', '), imap: p.imap, pop3: p.pop3, smtp: p.smtp, helpUrl: p.helpUrl ?? '',
});

/** An identifier made from a name: "Example Corp." → "example-corp". */
export const idOf = (name: string) =>
  name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);

const trimmed = <E extends Endpoint | null>(e: E): E => (e ? { ...e, host: e.host.trim() } : e);

export const presetInputOf = (f: PresetForm): Omit<PresetInput, 'id'> => ({
  name: f.name.trim(),
  domains: f.domains.split(/[\s,;]+/).map((d) => d.toLowerCase()).filter(Boolean),
  imap: trimmed(f.imap),
  pop3: trimmed(f.pop3),
  smtp: trimmed(f.smtp),
  helpUrl: f.helpUrl.trim() || null,
});
