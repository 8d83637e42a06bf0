// npm run bench: prints the speed figures the issues ask for. Figures, not pass/fail thresholds.
// Every ratio is measured in the same run against a baseline on the same machine.
import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { compactJson } from '../../src/core/json';
import { compactJsonBytes } from '../../src/core/json-scan';
import { parsePayloadDocument } from '../../src/core/payload';
import { sendWebhook } from '../../src/core/send';
import { computeSignature, signingKeyFromToken } from '../../src/core/signature';
import { compileValidators, readSchemaFiles } from '../../src/core/ajv-engine';
import { PayloadValidator } from '../../src/core/validate';
import { buildWebhookRequest } from '../support/webhook-request';
import { Chat2DeskClient } from '../../src/core/chat2desk/api';
import { loadEventCatalogue } from '../../src/core/chat2desk/events';
import { Chat2DeskSimulator, demoWebhooks } from '../../src/simulator/server';
import { childNodes, present, rootNodes } from '../../src/features/webhooks-view/tree-model';
import { generateTypesFrom } from '../../src/core/kit/types/generate';
import { DEFAULT_GO_PACKAGE, DEFAULT_PHP_NAMESPACE, TYPES_LANGUAGES, TYPES_PLATFORMS } from '../../src/core/kit/types/header';
import { benchColdStart } from './cold-start';
import { benchDeliver } from './deliver';
import { benchListen } from './listen';
import { benchSuites } from './suites';

const schemasDir = join(resolve(__dirname, '..', '..', '..'), 'schemas');

export function measure(fn: () => void, minMs = 400): { perSecond: number; msPer: number } {
  fn(); // warm-up
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    runs++;
  }
  const elapsed = performance.now() - start;
  return { perSecond: (runs / elapsed) * 1000, msPer: elapsed / runs };
}

export async function measureAsync(fn: () => Promise<unknown>, count: number): Promise<number> {
  await fn();
  const start = performance.now();
  for (let i = 0; i < count; i++) await fn();
  return (performance.now() - start) / count;
}

export function row(name: string, value: string): void {
  console.log(`  ${name.padEnd(58)} ${value}`);
}

function payloadOfSize(bytes: number): string {
  const inbox = readFileSync(join(schemasDir, 'examples/chat2desk/inbox.json'), 'utf8');
  const items: string[] = [];
  let size = 0;
  while (size < bytes) {
    items.push(inbox);
    size += inbox.length + 1;
  }
  return `{ "hook_type": "inbox", "items": [${items.join(',')}] }`;
}

async function main(): Promise<void> {
  console.log('Webhook Studio benchmarks (node ' + process.version + ')');

  console.log('\nSizes: the production build and the VSIX (npm run package), against the targets');
  {
    const root = resolve(__dirname, '..', '..', '..');
    const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
    execFileSync('npm', ['run', '--silent', 'package'], { cwd: root, stdio: 'ignore' });
    const vsix = join(root, `${name}-${version}.vsix`);
    const kb = (file: string) => statSync(file).size / 1000;
    const verdict = (size: number, target: number) => `${size.toFixed(1)} KB; target <= ${target} KB: ${size <= target ? 'met' : 'NOT met'}`;
    row('activation bundle dist/extension.js', verdict(kb(join(root, 'dist', 'extension.js')), 150));
    row('VSIX', verdict(kb(vsix), 250));
    row('the same extension as one bundle (no on-demand split)', `${kb(join(root, 'out', 'bench', 'extension-one-bundle.js')).toFixed(1)} KB`);
    row('types generator (second bundle dist/types-generator.js)', `${kb(join(root, 'dist', 'types-generator.js')).toFixed(1)} KB`);
    rmSync(vsix, { force: true });
  }

  console.log('\nTyped payloads: generating both platforms from the shipped schemas (read, model, emit), per language');
  for (const lang of TYPES_LANGUAGES) {
    const typesOptions = { lang, platforms: [...TYPES_PLATFORMS], goPackage: DEFAULT_GO_PACKAGE, phpNamespace: DEFAULT_PHP_NAMESPACE };
    const text = generateTypesFrom(schemasDir, typesOptions);
    row(
      `types --lang ${lang}`,
      `${measure(() => generateTypesFrom(schemasDir, typesOptions)).msPer.toFixed(1)} ms; ${(text.length / 1000).toFixed(0)} KB of code`,
    );
  }
  await benchColdStart(row);

  console.log('\nSigning (HMAC-SHA256 over body + timestamp) vs plain SHA-256 of the same bytes');
  const key = signingKeyFromToken('bench-token');
  for (const [label, size] of [
    ['1 KB', 1024],
    ['1 MB', 1024 * 1024],
    ['10 MB', 10 * 1024 * 1024],
  ] as const) {
    const body = Buffer.from(payloadOfSize(size).slice(0, size));
    const sign = measure(() => computeSignature(body, '1743681006', key));
    const hash = measure(() => createHash('sha256').update(body).digest('hex'));
    const mb = body.length / 1024 / 1024;
    row(
      `sign ${label}`,
      `${(sign.perSecond * mb).toFixed(1)} MB/s; sha256 ${(hash.perSecond * mb).toFixed(1)} MB/s; ratio ${(sign.msPer / hash.msPer).toFixed(2)}x`,
    );
  }

  console.log('\nCompacting (literal-preserving, one pass over the bytes) vs JSON.parse + JSON.stringify of the same text');
  for (const [label, size] of [
    ['1 MB', 1024 * 1024],
    ['10 MB', 10 * 1024 * 1024],
  ] as const) {
    const text = payloadOfSize(size);
    const bytes = Buffer.from(text);
    const compactBytes = measure(() => compactJsonBytes(bytes), 800);
    const compactText = measure(() => compactJson(text), 800);
    const native = measure(() => JSON.stringify(JSON.parse(text)), 800);
    const mb = bytes.length / 1024 / 1024;
    const timeRatio = compactBytes.msPer / native.msPer;
    row(
      `compact ${label} (bytes, as the pipeline does)`,
      `${(compactBytes.perSecond * mb).toFixed(1)} MB/s; parse+stringify ${(native.perSecond * mb).toFixed(1)} MB/s; time ratio ${timeRatio.toFixed(2)}x; target <= 1x: ${timeRatio <= 1 ? 'met' : 'NOT met'}`,
    );
    // Not on the send path: Listen's "would match re-serialised JSON" diagnosis compacts a string.
    row(
      `compactJson ${label} (string in and out, with UTF-8 encode/decode)`,
      `${(compactText.perSecond * mb).toFixed(1)} MB/s; time ratio ${(compactText.msPer / native.msPer).toFixed(2)}x (Listen's diagnosis only)`,
    );
    const scan = measure(() => parsePayloadDocument(bytes), 800);
    row(
      `parse once (strict scan, positions, members) ${label}`,
      `${(scan.perSecond * mb).toFixed(1)} MB/s; JSON.parse ${(measure(() => JSON.parse(text), 800).perSecond * mb).toFixed(1)} MB/s`,
    );
  }

  console.log('\nValidate with 60,000 problems vs parsing the same file (positions from one line index, problems capped)');
  {
    const items = Array.from({ length: 60_000 }, (_, i) => `    "x${i}"`);
    const text = `{\n  "hook_type": "add_tag_to_client",\n  "all_client_channels": [\n${items.join(',\n')}\n  ]\n}`;
    const validatorFor60k = new PayloadValidator();
    const result = validatorFor60k.validateText(text);
    const validateMs = measure(() => validatorFor60k.validateText(text), 1500).msPer;
    const parseMs = measure(() => JSON.parse(text), 800).msPer;
    row(
      `validate ${(text.length / 1024).toFixed(0)} KB, ${result.total.toLocaleString('en')} problems (${result.issues.length} located)`,
      `${validateMs.toFixed(1)} ms; JSON.parse ${parseMs.toFixed(2)} ms; ratio ${(validateMs / parseMs).toFixed(0)}x`,
    );
  }

  console.log('\nSchema validation (ajv, union schemas): precompiled (dist/validators-*.js) vs compiled at runtime');
  const validator = new PayloadValidator();
  const runtime = compileValidators(readSchemaFiles(schemasDir));
  const inbox = JSON.parse(readFileSync(join(schemasDir, 'examples/chat2desk/inbox.json'), 'utf8'));
  const message = JSON.parse(readFileSync(join(schemasDir, 'examples/iqchannels/message_created.operator-file.json'), 'utf8'));
  for (const [label, schema, value] of [
    ['chat2desk union, documented inbox', 'chat2desk.schema.json', inbox],
    ['iqchannels union, documented message_created', 'iqchannels.schema.json', message],
  ] as const) {
    const precompiled = validator.validatorFor(schema);
    const compiled = runtime(schema);
    const perSecond = (validate: (v: unknown) => boolean) => Math.round(measure(() => validate(value)).perSecond).toLocaleString('en');
    row(label, `${perSecond(precompiled)} validations/s; compiled at runtime ${perSecond(compiled)}/s`);
  }
  const inboxText = JSON.stringify(inbox, null, 2);
  row('validateText (parse + validate + locate), inbox', `${Math.round(measure(() => validator.validateText(inboxText)).perSecond).toLocaleString('en')} /s`);

  console.log('\nSend overhead vs a bare fetch POST of the same bytes to the same local server');
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const text = readFileSync(join(schemasDir, 'examples/chat2desk/inbox.json'), 'utf8');
  const request = buildWebhookRequest({ text, url, bodyFormat: 'compact', apiToken: 'bench-token' });
  const viaCore = await measureAsync(() => sendWebhook(buildWebhookRequest({ text, url, bodyFormat: 'compact', apiToken: 'bench-token' })), 300);
  const bare = await measureAsync(async () => {
    const r = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
    await r.text();
  }, 300);
  row('build + sign + send (core) per request', `${viaCore.toFixed(3)} ms`);
  row('bare fetch POST per request', `${bare.toFixed(3)} ms`);
  row('ratio', `${(viaCore / bare).toFixed(2)}x`);
  server.closeAllConnections();
  server.close();

  console.log('\nSend through the CLI (dist/cli.js, the shared pipeline) with peak RSS of the process');
  {
    const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-bench-'));
    const sink = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end('{"ok":true}'));
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/hook`;
    const preload = join(scratch, 'maxrss.js');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));");
    const cli = join(resolve(__dirname, '..', '..', '..'), 'dist', 'cli.js');
    try {
      for (const [label, size] of [
        ['1 MB', 1024 * 1024],
        // The largest size the CLI reads is 25 MB (core/payload-file.ts): a bigger file is refused, not sent.
        ['24 MB', 24 * 1024 * 1024],
      ] as const) {
        const fixture = join(scratch, `payload-${size}.chat2desk.json`);
        writeFileSync(fixture, payloadOfSize(size));
        const fileMb = statSync(fixture).size / 1024 / 1024;
        for (const validate of [false, true]) {
          const started = performance.now();
          const child = spawn(
            process.execPath,
            ['--require', preload, cli, 'send', fixture, '--url', sinkUrl, '--timeout', '120', ...(validate ? [] : ['--no-validate'])],
            { env: { ...process.env, CHAT2DESK_API_TOKEN: 'bench-token' } },
          );
          let stderr = '';
          child.stderr.on('data', (c) => (stderr += c));
          child.stdout.resume();
          const code = await new Promise<number | null>((r) => child.on('close', r));
          const ms = performance.now() - started;
          const rssMb = Number(/MAXRSS (\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
          row(
            `send ${label}${validate ? ' (validated)' : ' (--no-validate)'}`,
            `${ms.toFixed(0)} ms; peak RSS ${rssMb.toFixed(0)} MB = ${(rssMb / fileMb).toFixed(1)}x the file${code !== 0 ? ` (exit ${code}: not sent, so not measured)` : label === '24 MB' ? `; target <= 4x: ${rssMb / fileMb <= 4 ? 'met' : 'NOT met'}` : ''}`,
          );
        }
      }
    } finally {
      sink.closeAllConnections();
      sink.close();
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  console.log('\nWebhooks view');
  const catalogue = loadEventCatalogue(schemasDir);
  const account = { name: 'Bench', apiBaseUrl: 'http://127.0.0.1' };
  const many = Array.from({ length: 200 }, (_, i) => ({ ...demoWebhooks()[i % 3], id: i + 1 }));
  const buildTree = measure(() => {
    for (const node of rootNodes([{ account, state: { kind: 'loaded', webhooks: many } }])) {
      present(node, catalogue);
      for (const child of childNodes(node)) present(child, catalogue);
    }
  });
  row('tree items for 200 webhooks (root + children, no network)', `${buildTree.msPer.toFixed(3)} ms`);
  const simulator = new Chat2DeskSimulator({
    token: 'bench',
    webhooks: many.slice(0, 5).map((w) => ({ ...w, errors: [], source: 'client', status: 'enable' as const })),
  });
  const apiUrl = await simulator.start();
  const client = new Chat2DeskClient({ baseUrl: apiUrl, token: 'bench' });
  const viaClient = await measureAsync(() => client.listWebhooks(), 300);
  const bareApi = await measureAsync(async () => {
    const r = await fetch(`${apiUrl}/v1/webhooks`, { headers: { Authorization: 'bench' } });
    await r.json();
  }, 300);
  row('GET /v1/webhooks via the client (zod-checked)', `${viaClient.toFixed(3)} ms`);
  row('bare fetch of the same endpoint', `${bareApi.toFixed(3)} ms`);
  row('ratio', `${(viaClient / bareApi).toFixed(2)}x`);
  await simulator.stop();

  await benchDeliver(row);
  await benchListen(schemasDir, row);
  await benchSuites(schemasDir, row);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
