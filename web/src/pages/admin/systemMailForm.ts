import type { SystemMailInput, SystemMailSettings } from '@mailroom/sdk';

/** The administrator's form of the system account; secrets blank unless typed (blank keeps the stored ones). */
export interface SystemMailForm {
  enabled: boolean;
  accountName: string;
  fromAddress: string;
  displayName: string;
  replyTo: string;
  host: string;
  port: number;
  security: SystemMailSettings['security'];
  auth: SystemMailSettings['auth'];
  login: string;
  password: string;
  /** OAuth2: the provider preset to sign in with ('' none chosen). */
  oauthPreset: string;
  dkim: boolean;
  dkimDomain: string;
  dkimSelector: string;
  dkimKey: string;
  afterSend: SystemMailSettings['afterSend'];
  archiveDays: number;
}

export const systemMailFormOf = (s: SystemMailSettings): SystemMailForm => ({
  enabled: s.enabled,
  accountName: s.accountName,
  fromAddress: s.fromAddress ?? '',
  displayName: s.displayName,
  replyTo: s.replyTo ?? '',
  host: s.host,
  port: s.port,
  security: s.security,
  auth: s.auth,
  login: s.login,
  password: '',
  oauthPreset: s.oauthPreset ?? '',
  dkim: !!s.dkim,
  dkimDomain: s.dkim?.domain ?? '',
  dkimSelector: s.dkim?.selector ?? '',
  dkimKey: '',
  afterSend: s.afterSend,
  archiveDays: s.archiveDays,
});

/** The usual port of each kind of encryption, offered when the kind changes. */
export const PORT_OF: Record<SystemMailForm['security'], number> = { tls: 465, starttls: 587, none: 25 };

export function systemMailInputOf(f: SystemMailForm): SystemMailInput {
  return {
    enabled: f.enabled,
    accountName: f.accountName.trim(),
    fromAddress: f.fromAddress.trim(),
    displayName: f.displayName.trim(),
    replyTo: f.replyTo.trim() || null,
    host: f.host.trim(),
    port: f.port,
    security: f.security,
    auth: f.auth,
    // each way of signing in sends its own fields only: OAuth2 never a password, a password never a provider
    ...(f.auth === 'password' ? { login: f.login.trim(), ...(f.password ? { password: f.password } : {}) } : {}),
    ...(f.auth === 'oauth2' ? { login: f.login.trim(), oauthPreset: f.oauthPreset || null } : {}),
    dkim: f.dkim
      ? { domain: f.dkimDomain.trim(), selector: f.dkimSelector.trim(), ...(f.dkimKey.trim() ? { privateKey: f.dkimKey.trim() } : {}) }
      : null,
    afterSend: f.afterSend,
    archiveDays: f.archiveDays,
  };
}

/**
 * Whether the form can be saved: the sender and the server, the user name and the provider for
 * OAuth2, and a DKIM key when signing has none stored.
 */
export const systemMailComplete = (f: SystemMailForm, hasDkimKey: boolean) =>
  !!f.fromAddress.trim() && !!f.host.trim() && f.port > 0 && f.archiveDays >= 1 &&
  (f.auth !== 'oauth2' || (!!f.login.trim() && !!f.oauthPreset)) &&
  (!f.dkim || (!!f.dkimDomain.trim() && !!f.dkimSelector.trim() && (hasDkimKey || !!f.dkimKey.trim())));
