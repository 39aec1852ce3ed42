import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer/index.js';

/** DKIM options as nodemailer takes them (plain data: they travel to the thread). */
export type DkimOptions = { domainName: string; keySelector: string; privateKey: string } | undefined;

/**
 * The thread's scheduling priority (nice), lowered on Linux: the thread that reads the SMTP servers'
 * answers and writes the outcomes comes first, since the time between a server's acceptance and
 * our record is the window in which a crash sends a message twice.
 */
const COMPOSE_NICE = 10;

/**
 * The thread's code (CommonJS, run with `eval`, so it needs no file of its own in the bundled
 * server): one nodemailer composer per settings version, a message in, its bytes out.
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const nodemailer = require(workerData.nodemailer);
const composers = new Map();
try {
  // Linux: this thread's id, from /proc; setpriority on it affects this thread alone
  const tid = Number(require('node:fs').readlinkSync('/proc/thread-self').split('/').pop());
  require('node:os').setPriority(tid, workerData.nice);
} catch {}
parentPort.on('message', async ({ id, key, dkim, mail }) => {
  try {
    let composer = composers.get(key);
    if (!composer) {
      if (composers.size > 64) composers.clear();
      composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', dkim });
      composers.set(key, composer);
    }
    for (const a of mail.attachments ?? []) a.content = Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength);
    const b = (await composer.sendMail(mail)).message;
    const raw = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    parentPort.postMessage({ id, raw }, [raw]);
  } catch (err) {
    parentPort.postMessage({ id, error: String((err && err.message) || err) });
  }
});
`;

/**
 * Builds the outgoing messages `composeMail` leaves to nodemailer (DKIM-signed ones, non-ASCII
 * addresses) on a thread of its own, at a lower priority. nodemailer's composing (and an RSA
 * signature) is most of the CPU such a message costs; on the thread that also reads the SMTP
 * servers' answers it made every answer wait behind other messages' composing, and that wait is
 * the window in which a crash of ours sends a message twice (the server has it, our record does
 * not). Should the thread fail to start or die, messages are built here instead.
 */
export class ComposeThread {
  private worker: Worker | null = null;
  private broken = false;
  private next = 0;
  private pending = new Map<number, { key: string; dkim: DkimOptions; mail: Mail.Options; resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  private local = new Map<string, ReturnType<typeof nodemailer.createTransport>>();

  /** The message's bytes; `key` names the settings version `dkim` belongs to. */
  compose(key: string, dkim: DkimOptions, mail: Mail.Options): Promise<Buffer> {
    const w = this.thread();
    if (!w) return this.composeHere(key, dkim, mail);
    const id = this.next++;
    return new Promise<Buffer>((resolve, reject) => {
      this.pending.set(id, { key, dkim, mail, resolve, reject });
      w.postMessage({ id, key, dkim, mail });
    });
  }

  private thread() {
    if (this.worker || this.broken) return this.worker;
    try {
      const w = new Worker(THREAD, { eval: true, workerData: { nice: COMPOSE_NICE, nodemailer: createRequire(import.meta.url).resolve('nodemailer') } });
      w.unref();
      w.on('message', (r: { id: number; raw?: ArrayBuffer; error?: string }) => {
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        if (r.raw) p?.resolve(Buffer.from(r.raw));
        else p?.reject(new Error(r.error ?? 'the message could not be built'));
      });
      // the thread failed: what it had is built here instead
      const fail = () => {
        if (this.worker !== w) return;
        this.worker = null;
        this.broken = true;
        for (const p of this.pending.values()) this.composeHere(p.key, p.dkim, p.mail).then(p.resolve, p.reject);
        this.pending.clear();
      };
      w.on('error', fail);
      w.on('exit', fail);
      this.worker = w;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private async composeHere(key: string, dkim: DkimOptions, mail: Mail.Options) {
    let composer = this.local.get(key);
    if (!composer) {
      if (this.local.size > 64) this.local.clear();
      composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows', dkim });
      this.local.set(key, composer);
    }
    return (await composer.sendMail(mail)).message as Buffer;
  }

  close() {
    const w = this.worker;
    this.worker = null;
    this.broken = true;
    for (const p of this.pending.values()) p.reject(new Error('the sender is closing'));
    this.pending.clear();
    void w?.terminate();
  }
}
