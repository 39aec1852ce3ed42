import type { Account, AccountInput, Endpoint, Preset } from '@mailroom/sdk';
import { languages, type Lang } from '../../i18n/index.ts';

/** "Other": the person enters the servers; any other id is a provider preset. */
export const OTHER = 'other';

export interface AccountForm {
  preset: string;
  name: string;
  email: string;
  displayName: string;
  protocol: 'imap' | 'pop3';
  incoming: Endpoint;
  smtp: Endpoint;
  login: string;
  /** Blank on edit: the stored one is kept. */
  password: string;
  mode: 'full' | 'light';
  initialCount: number;
  /** POP3: days to leave mail on the server; '' keeps it forever. */
  leaveOnServerDays: number | '';
  signatures: Record<Lang, string>;
}

const blankEndpoint = (port: number): Endpoint => ({ host: '', port, security: 'tls' });

export const blankForm = (): AccountForm => ({
  preset: OTHER,
  name: '',
  email: '',
  displayName: '',
  protocol: 'imap',
  incoming: blankEndpoint(993),
  smtp: blankEndpoint(465),
  login: '',
  password: '',
  mode: 'full',
  initialCount: 50,
  leaveOnServerDays: '',
  signatures: { en: '', ru: '', pl: '' },
});

export const formOf = (a: Account): AccountForm => ({
  preset: a.preset,
  name: a.name,
  email: a.email,
  displayName: a.displayName ?? '',
  protocol: a.protocol,
  incoming: a.incoming,
  smtp: a.smtp,
  login: a.login,
  password: '',
  mode: a.mode,
  initialCount: a.initialCount,
  leaveOnServerDays: a.leaveOnServerDays ?? '',
  signatures: { en: a.signatures.en ?? '', ru: a.signatures.ru ?? '', pl: a.signatures.pl ?? '' },
});

const domainOf = (email: string) => email.trim().toLowerCase().split('@')[1] ?? '';

/** The preset whose domains include the address's domain (gmail.com → Gmail); the organisation's own come first. */
export function presetForEmail(presets: Preset[], email: string) {
  const domain = domainOf(email);
  const matches = presets.filter((p) => p.domains.includes(domain));
  return matches.find((p) => !p.builtIn) ?? matches[0];
}

/** The preset's servers for the chosen protocol (its POP3 server, or IMAP when it has no POP3). */
export function withPreset(f: AccountForm, p: Preset | undefined): AccountForm {
  if (!p) return { ...f, preset: OTHER };
  const incoming = (f.protocol === 'pop3' ? p.pop3 : p.imap) ?? p.imap ?? p.pop3 ?? f.incoming;
  const protocol = f.protocol === 'pop3' && !p.pop3 ? 'imap' : f.protocol;
  return { ...f, preset: p.id, protocol, incoming, smtp: p.smtp };
}

/** What is sent to check or save: the password only when one was typed; empty signatures left out. */
export function inputOf(f: AccountForm): AccountInput {
  const signatures = Object.fromEntries(languages.filter((l) => f.signatures[l].trim()).map((l) => [l, f.signatures[l]]));
  return {
    name: f.name.trim() || f.email.trim(),
    email: f.email.trim(),
    ...(f.displayName.trim() ? { displayName: f.displayName.trim() } : {}),
    preset: f.preset,
    protocol: f.protocol,
    incoming: { ...f.incoming, host: f.incoming.host.trim() },
    smtp: { ...f.smtp, host: f.smtp.host.trim() },
    login: f.login.trim() || f.email.trim(),
    ...(f.password ? { password: f.password } : {}),
    mode: f.mode,
    initialCount: f.initialCount,
    leaveOnServerDays: f.protocol === 'pop3' && f.leaveOnServerDays !== '' ? f.leaveOnServerDays : null,
    signatures,
  };
}
