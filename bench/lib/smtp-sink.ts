import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { repoRoot } from './process.ts';

/** The counting SMTP sink of `smtp-sink-process.ts`, started in a child process. */
export async function startSinkProcess() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/smtp-sink-process.ts'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (l) => waiting.shift()?.(l));
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`the SMTP sink exited with ${code}`));
      child.once('exit', onExit);
      waiting.push((l) => (child.removeListener('exit', onExit), resolve(l)));
    });
  const first = await nextLine();
  const port = Number(/^port (\d+)$/.exec(first)?.[1]);
  if (!port) throw new Error(`the SMTP sink said: ${first}`);
  return {
    host: '127.0.0.1',
    port,
    pid: child.pid!,
    /**
     * Messages (and their bytes) the sink has taken in so far, the connections open now and the
     * most it had open at once since the last reset; `reset` starts that over.
     */
    async count(reset = false) {
      const line = nextLine();
      child.stdin!.write(reset ? 'count reset\n' : 'count\n');
      const m = /^count (\d+) (\d+) (\d+) (\d+)$/.exec(await line);
      if (!m) throw new Error('the SMTP sink did not answer with a count');
      return { messages: Number(m[1]), bytes: Number(m[2]), peakConnections: Number(m[3]), openConnections: Number(m[4]) };
    },
    /** Waits (up to `ms`) until no client is connected, e.g. after a peer closed its pool. */
    async idle(ms = 10_000) {
      for (const t = Date.now(); (await this.count()).openConnections > 0 && Date.now() - t < ms; ) await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      if (child.exitCode !== null) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.stdin!.end();
      await gone;
    },
  };
}
