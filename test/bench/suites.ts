// Suite runner figures: a 100-step suite (expectations on status, latency, a header and the body) against a
// 127.0.0.1 handler, beside the same 100 sends done bare (plan, sign, send) in the same run: the runner's
// overhead per step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequest, planPayload } from '../../src/core/payload';
import { sendWebhook } from '../../src/core/send';
import { loadSuite, runSuite } from '../../src/core/suites';

const TOKEN = 'bench-suites-token';
const STEPS = 100;
const PAYLOAD = '{"hook_type":"inbox","message_id":"{{seq}}","text":"hello","client_id":123}';

export async function benchSuites(schemasDir: string, row: (name: string, value: string) => void): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-suites-'));
  try {
    const step = {
      payload: JSON.parse(PAYLOAD),
      expect: { status: 200, latencyMs: 5000, headers: { 'content-type': 'json' }, body: [{ path: '$.ok', equals: true }] },
    };
    const text = JSON.stringify({ target: { url }, scenarios: [{ steps: Array.from({ length: STEPS }, () => step) }] });
    const path = join(dir, 'bench.webhooks.json');
    writeFileSync(path, text);
    const bare = async () => {
      for (let i = 0; i < STEPS; i++) {
        const plan = planPayload({ text: PAYLOAD.replace('"{{seq}}"', String(i)) }, { bodyFormat: 'compact' });
        await sendWebhook(createRequest(plan, { url, apiToken: TOKEN }));
      }
    };
    const suite = async () => {
      const loaded = loadSuite(path, text);
      const summary = await runSuite(loaded, { mode: 'run', tokenFor: async () => TOKEN, env: {}, schemasDir, onEvent: () => undefined });
      if (summary.passed !== STEPS) throw new Error(`bench suite: ${JSON.stringify(summary)}`);
    };
    // Alternated, after a warm-up of both, best of 7 each: the machine is shared and the JIT warms up.
    const timed = async (fn: () => Promise<void>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    await bare();
    await suite();
    let bareMs = Infinity;
    let suiteMs = Infinity;
    for (let i = 0; i < 7; i++) {
      bareMs = Math.min(bareMs, await timed(bare));
      suiteMs = Math.min(suiteMs, await timed(suite));
    }
    row(`suite of ${STEPS} steps (load + run, best of 7)`, `${suiteMs.toFixed(0)} ms`);
    row(`the same ${STEPS} sends bare (plan, sign, send)`, `${bareMs.toFixed(0)} ms`);
    row('runner overhead per step', `${((suiteMs - bareMs) / STEPS).toFixed(2)} ms (${(suiteMs / bareMs).toFixed(2)}× bare)`);
  } finally {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
