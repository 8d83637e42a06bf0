// npm run bench: the CLI's cold start against a bare `node -e 0` measured in the same run, and the first
// validation in a fresh process, precompiled validators against ajv compiling the schema at runtime.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..', '..');
const RUNS = Number(process.env.WEBHOOK_STUDIO_BENCH_RUNS ?? 21);
/** Issue 17: `validate` of one file within 1.5 times a bare Node start. */
const TARGET_RATIO = 1.5;

/**
 * Wall-clock time of one process, spawn to exit, and the CPU time it used (getrusage, its whole life:
 * on a shared machine the wall clock also counts the wait for a core). `stdout` is what it printed.
 */
function runNode(args: string[], preload?: string): Promise<{ ms: number; cpuMs: number; code: number | null; stdout: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [...(preload ? ['--require', preload] : []), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ ms: performance.now() - started, cpuMs: Number(/CPU_US (\d+)/.exec(stderr)?.[1] ?? NaN) / 1000, code, stdout }));
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
  const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-cold-'));
  const preload = join(scratch, 'cpu.js');
  writeFileSync(
    preload,
    "process.on('exit', () => { const u = process.resourceUsage(); process.stderr.write('CPU_US ' + (u.userCPUTime + u.systemCPUTime) + '\\n'); });",
  );
  const wall: Record<keyof typeof commands, number[]> = { bare: [], validate: [], help: [] };
  const cpu: Record<keyof typeof commands, number[]> = { bare: [], validate: [], help: [] };
  try {
    await runNode(commands.validate); // warm the file cache
    // Interleaved, so a burst of load on a shared machine falls on every command alike.
    for (let i = 0; i < RUNS; i++) {
      for (const [name, args] of Object.entries(commands) as [keyof typeof commands, string[]][]) {
        const { ms, cpuMs, code } = await runNode(args, preload);
        if (code !== 0) throw new Error(`node ${args.join(' ')} exited ${code}`);
        wall[name].push(ms);
        cpu[name].push(cpuMs);
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const figures = (name: keyof typeof commands) => {
    const [ms, cpuMs] = [median(wall[name]), median(cpu[name])];
    const ratio = ms / median(wall.bare);
    return { ratio, text: `${ms.toFixed(0)} ms = ${ratio.toFixed(2)}x; CPU ${cpuMs.toFixed(0)} ms = ${(cpuMs / median(cpu.bare)).toFixed(2)}x` };
  };
  row('node -e 0', `${median(wall.bare).toFixed(0)} ms; CPU ${median(cpu.bare).toFixed(0)} ms`);
  row('webhook-studio --help (start, no validation)', figures('help').text);
  const validate = figures('validate');
  row('webhook-studio validate <one documented file>', `${validate.text}; target <= ${TARGET_RATIO}x: ${validate.ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`);
  await benchFirstValidation(row);
}

async function benchFirstValidation(row: (name: string, value: string) => void): Promise<void> {
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
  row('precompiled: require dist/validators-chat2desk.js, validate', `${median(first.precompiled).toFixed(1)} ms`);
  row('compiled at runtime: require ajv, compile the root, validate', `${median(first.runtime).toFixed(1)} ms (before #17)`);
}
