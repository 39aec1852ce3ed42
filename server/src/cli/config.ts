import { describeConfig, loadConfig } from '../config/index.ts';

/** `mailroom config`: every setting with its variable, type, default, description and current value. */
export function configCommand() {
  let current;
  try {
    current = loadConfig();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n`);
  }
  for (const r of describeConfig(current)) {
    process.stdout.write(`${r.env}\n  type: ${r.type}   default: ${r.default || '(none)'}   current: ${r.value || '(unset)'}\n  ${r.doc}\n`);
  }
}
