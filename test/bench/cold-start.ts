// npm run bench: the CLI's cold start against a bare `node -e 0` measured in the same run, and the first
// validation in a fresh process, precompiled validators against ajv compiling the schema at runtime.
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const RUNS = Number(process.env.WEBHOOK_STUDIO_BENCH_RUNS ?? 21);
/** Issue 17: `validate` of one file within 1.5 times a bare Node start. */
const TARGET_RATIO = 1.5;

/** Wall-clock time of one process, spawn to exit; `stdout` is what it printed. */
function runNode(args: string[]): Promise<{ ms: number; code: number | null; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });
  let stdout = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ ms: performance.now() - started, code, stdout }));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function benchColdStart(row: (name: string, value: string) => void): Promise<void> {
  console.log(`\nCLI cold start (dist/cli.js, production build) vs a bare \`node -e 0\`, interleaved, median of ${RUNS}`);
  const cli = join(root, 'dist', 'cli.js');
  const example = join(root, 'schemas', 'examples', 'chat2desk', 'inbox.json');
  const commands = {
    bare: ['-e', '0'],
    validate: [cli, 'validate', example],
    help: [cli, '--help'],
  };
  const times: Record<keyof typeof commands, number[]> = { bare: [], validate: [], help: [] };
  await runNode(commands.validate); // warm the file cache
  // Interleaved, so a burst of load on a shared machine falls on every command alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [name, args] of Object.entries(commands) as [keyof typeof commands, string[]][]) {
      const { ms, code } = await runNode(args);
      if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}`);
      times[name].push(ms);
    }
  }
  const bare = median(times.bare);
  const ratio = (ms: number) => `${ms.toFixed(0)} ms = ${(ms / bare).toFixed(2)}x`;
  row('node -e 0', `${bare.toFixed(0)} ms`);
  row('webhook-studio --help (start, no validation)', ratio(median(times.help)));
  const validate = median(times.validate);
  row(
    'webhook-studio validate <one documented file>',
    `${ratio(validate)} node -e 0; target <= ${TARGET_RATIO}x: ${validate / bare <= TARGET_RATIO ? 'met' : 'NOT met'}`,
  );

  console.log(`\nFirst validation in a fresh process (loading included), median of ${Math.ceil(RUNS / 3)}`);
  const script = join(root, 'out', 'test', 'bench', 'first-validation.js');
  const schemas = join(root, 'schemas');
  const first: Record<'precompiled' | 'runtime', number[]> = { precompiled: [], runtime: [] };
  for (let i = 0; i < Math.ceil(RUNS / 3); i++) {
    for (const how of ['precompiled', 'runtime'] as const) {
      const { stdout, code } = await runNode([script, how, schemas]);
      const result = JSON.parse(stdout) as { ms: number; valid: boolean };
      if (code !== 0 || !result.valid) throw new Error(`first validation (${how}) failed: exit ${code}, ${stdout}`);
      first[how].push(result.ms);
    }
  }
  row('precompiled (require dist/validators.js + validate inbox)', `${median(first.precompiled).toFixed(1)} ms`);
  row('compiled at runtime (require ajv, compile the root, validate)', `${median(first.runtime).toFixed(1)} ms (before #17)`);
}
