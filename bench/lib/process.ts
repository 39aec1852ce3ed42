import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

export const repoRoot = new URL('../..', import.meta.url).pathname;

/** Starts a process and resolves when a stdout line matches `ready`; returns the elapsed ms. */
export function startUntil(cmd: string, args: string[], env: Record<string, string>, ready: RegExp, timeoutMs = 60_000) {
  const t0 = performance.now();
  const child = spawn(cmd, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  return new Promise<{ child: ChildProcess; ms: number; match: RegExpMatchArray }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in ${timeoutMs} ms: ${out}${err}`)), timeoutMs);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(ready);
      if (m) {
        clearTimeout(timer);
        resolve({ child, ms: performance.now() - t0, match: m });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before ready: ${out}${err}`)));
  });
}

export async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await gone;
}

/** Resident memory of a process, in MiB (Linux /proc). */
export const rssMiB = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/)![1]) / 1024;
