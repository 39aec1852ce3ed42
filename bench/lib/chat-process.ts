import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { repoRoot } from './process.ts';

/** The soft and hard limits on open files of this process (Linux /proc). */
export function openFilesLimit() {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'))!;
  const [soft, hard] = line.replace('Max open files', '').trim().split(/\s+/).map((x) => (x === 'unlimited' ? Infinity : Number(x)));
  return { soft, hard };
}

/**
 * A chat bench server (`chat-mailroom-process.ts`, `chat-raw-process.ts`) in its own process,
 * started through bash with `ulimit -n` raised to the hard limit (thousands of sockets). It prints
 * `port N` when listening; `command` writes a line to its stdin and waits for the answer line that
 * starts with the given word; other stdout lines (warnings) go to stderr.
 */
export async function startChatProcess(script: string, env: Record<string, string>) {
  const nodeArgs = ['--import', 'tsx', script];
  const child: ChildProcess = spawn('bash', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...nodeArgs], {
    cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiting: { word: string; resolve: (l: string) => void }[] = [];
  createInterface({ input: child.stdout! }).on('line', (l) => {
    const i = waiting.findIndex((w) => l.startsWith(`${w.word} `) || l === w.word);
    if (i < 0) return void process.stderr.write(`[${script.split('/').pop()}] ${l}\n`);
    waiting.splice(i, 1)[0].resolve(l);
  });
  const expect = (word: string, timeoutMs = 600_000) =>
    new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`${script} exited with ${code} while we waited for "${word}"`));
      const timer = setTimeout(() => reject(new Error(`${script}: no "${word}" in ${timeoutMs} ms`)), timeoutMs);
      child.once('exit', onExit);
      waiting.push({ word, resolve: (l) => (clearTimeout(timer), child.removeListener('exit', onExit), resolve(l)) });
    });
  const port = Number((await expect('port', 180_000)).split(' ')[1]);
  return {
    port,
    pid: child.pid!,
    async command(line: string, answer: string, timeoutMs?: number) {
      const got = expect(answer, timeoutMs);
      child.stdin!.write(`${line}\n`);
      return (await got).slice(answer.length + 1);
    },
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await gone;
    },
  };
}

/** CPU seconds a process has used so far (user + system, /proc). */
export const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
};

/** The machine's busy and total CPU time so far (jiffies, /proc/stat), to see what else was running. */
export const machineCpu = () => {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  const idle = f[3] + (f[4] ?? 0);
  return { busy: total - idle, total };
};
