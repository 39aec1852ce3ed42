import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import net from 'node:net';
import { ImapFlow } from 'imapflow';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { Oidc } from './oidc.ts';

/**
 * A real Dovecot (Debian dovecot-imapd + dovecot-pop3d) on loopback high ports, with a
 * passwd-file, maildirs in a temporary folder and a self-signed certificate for 127.0.0.1.
 * `.ci/run` installs the packages; tests call startDovecot() in beforeAll.
 */
export interface Dovecot {
  host: string;
  imap: number;
  imaps: number;
  pop3: number;
  pop3s: number;
  /** The certificate to trust (PEM). */
  ca: string;
  dir: string;
  addUser(user: string, password: string): void;
  /** Runs doveadm against this instance (e.g. to change UIDVALIDITY). */
  doveadm(...args: string[]): string;
  /** A connected IMAP client as that user (plain IMAP on loopback), for a test to act as the server side. */
  imapAs(user: string, password: string): Promise<ImapFlow>;
  stop(): Promise<void>;
}

export const dovecotInstalled = () => existsSync('/usr/sbin/dovecot');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

async function waitForPort(port: number, ms = 10_000) {
  const end = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => (s.destroy(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > end) throw new Error(`Dovecot did not open port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * `extraConfig` is appended to dovecot.conf; each key of `files` found in it is replaced by the
 * path of a file written with that content (e.g. the oauth2 passdb's settings).
 */
export async function startDovecot(extraConfig = '', files: Record<string, string> = {}): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'mr-dovecot-'));
  for (const [key, content] of Object.entries(files)) {
    const path = join(dir, key.toLowerCase().replace(/[^a-z0-9]+/g, '-') + '.conf.ext');
    writeFileSync(path, content);
    extraConfig = extraConfig.replaceAll(key, path);
  }
  const [imap, imaps, pop3, pop3s] = [await freePort(), await freePort(), await freePort(), await freePort()];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ], { stdio: 'ignore' });
  const root = process.getuid?.() === 0;
  // as root the mail belongs to the system's "mail" user; otherwise to whoever runs the tests
  const mailUser = root ? 'mail' : userInfo().username;
  const uid = root ? 8 : process.getuid!();
  for (const d of ['mail', 'home', 'run', 'state']) mkdirSync(join(dir, d));
  if (root) for (const d of ['mail', 'home']) chownSync(join(dir, d), 8, 8);
  execFileSync('chmod', ['755', dir]);
  writeFileSync(join(dir, 'passwd'), '');
  writeFileSync(
    join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
instance_name = mr-test-${imap}
protocols = imap pop3
listen = 127.0.0.1
ssl = yes
ssl_cert = <${dir}/cert.pem
ssl_key = <${dir}/key.pem
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${root ? 'dovecot' : mailUser}
default_login_user = ${root ? 'dovenull' : mailUser}
first_valid_uid = ${Math.min(uid, 8)}
mail_location = maildir:${dir}/mail/%u
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${root ? 8 : process.getgid!()} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    port = ${imap}
  }
  inet_listener imaps {
    port = ${imaps}
    ssl = yes
  }
}
service pop3-login {
  inet_listener pop3 {
    port = ${pop3}
  }
  inet_listener pop3s {
    port = ${pop3s}
    ssl = yes
  }
}
service anvil {
  chroot =
}
service imap {
  process_limit = 200
}
namespace inbox {
  inbox = yes
  separator = /
  mailbox Sent {
    special_use = \\Sent
    auto = subscribe
  }
  mailbox Trash {
    special_use = \\Trash
    auto = subscribe
  }
  mailbox Drafts {
    special_use = \\Drafts
    auto = subscribe
  }
}
protocol imap {
  mail_max_userip_connections = 200
}
pop3_uidl_format = %08Xu%08Xv
${extraConfig}
`,
  );
  const proc: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort(imap);
  await waitForPort(pop3s);
  const doveadm = (...args: string[]) => execFileSync('/usr/bin/doveadm', ['-c', join(dir, 'dovecot.conf'), ...args], { encoding: 'utf8' });
  return {
    host: '127.0.0.1', imap, imaps, pop3, pop3s, dir,
    ca: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    addUser(user, password) {
      appendFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}\n`);
    },
    doveadm,
    async imapAs(user, password) {
      const c = new ImapFlow({ host: '127.0.0.1', port: imap, secure: false, doSTARTTLS: false, auth: { user, pass: password }, logger: false });
      c.on('error', () => {});
      await c.connect();
      return c;
    },
    async stop() {
      proc.kill('SIGTERM');
      await new Promise((r) => (proc.exitCode !== null ? r(null) : proc.once('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A Dovecot that signs in with XOAUTH2 and OAUTHBEARER (beside passwords), asking the local
 * oidc-provider's introspection endpoint whether each access token is active and whose it is.
 */
export function startOAuthDovecot(oidc: Pick<Oidc, 'introspectionUrl' | 'clientId' | 'clientSecret'>) {
  const introspection = new URL(oidc.introspectionUrl);
  introspection.username = oidc.clientId;
  introspection.password = oidc.clientSecret;
  return startDovecot(
    `auth_mechanisms = plain login xoauth2 oauthbearer
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = OAUTH2_CONF
}`,
    { OAUTH2_CONF: `introspection_mode = post\nintrospection_url = ${introspection}\nforce_introspection = yes\nusername_attribute = sub\nactive_attribute = active\nactive_value = true\n` },
  );
}
