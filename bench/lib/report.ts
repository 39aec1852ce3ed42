/** One figure, as a JSON line on stdout (the only thing a bench prints there). */
export interface Figure {
  bench: string;
  metric: string;
  db: 'pglite' | 'postgres';
  value: number;
  unit: string;
  target: number;
  /** true when value meets the target; `lowerIsBetter` decides the direction */
  ok?: boolean;
  ratio?: number;
  peer?: string;
}

/** `decimals`: how the value is rounded (one place unless told; a ratio near its target wants two). */
export function report(f: Figure, lowerIsBetter = true, decimals = 1) {
  const value = Math.round(f.value * 10 ** decimals) / 10 ** decimals;
  const ok = lowerIsBetter ? value <= f.target : value >= f.target;
  const out: Figure = { bench: f.bench, metric: f.metric, db: f.db, value, unit: f.unit, target: f.target, ok };
  if (f.ratio !== undefined) out.ratio = Math.round(f.ratio * 100) / 100;
  if (f.peer) out.peer = f.peer;
  process.stdout.write(JSON.stringify(out) + '\n');
}

/** Progress and notes go to stderr, so stdout stays machine-readable. */
export const note = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
