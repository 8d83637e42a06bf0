// Figures measured inside the real VS Code host (npm run bench): activation, the first validation, time to
// first diagnostics and completion latency of the generated schemas in the built-in JSON language service.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { compileValidators, readSchemaFiles } from '../../src/core/ajv-engine';
import { formatBytes } from '../../src/core/exchange';
import type { ValidationIssue } from '../../src/core/payload';
import type { WebhookStudioApi } from '../../src/extension';
import { activateExtension, closeAllEditors, EXTENSION_ID, writeWorkspaceFile } from './helpers';

const row = (name: string, value: string) => console.log(`  ${name.padEnd(58)} ${value}`);

async function firstDiagnosticMs(name: string, text: string): Promise<number> {
  const uri = await writeWorkspaceFile(name, text);
  const started = performance.now();
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  for (;;) {
    if (vscode.languages.getDiagnostics(uri).some((d) => /integer/i.test(d.message))) return performance.now() - started;
    if (performance.now() - started > 120_000) throw new Error(`no diagnostics for ${name} within 120 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function completionMs(uri: vscode.Uri, position: vscode.Position, runs = 15): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    times.push(performance.now() - started);
    assert.ok(list.items.length > 0);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function fixture(items: number): string {
  const client = '{ "id": 30247382, "phone": "[tg] 734937551", "client_phone": "", "name": "Ольга Шуст", "assigned_name": null, "external_id": null }';
  const attachments = Array.from({ length: items }, (_, i) => `    { "n": ${i}, "client": ${client}, "text": "attachment ${i}" }`).join(',\n');
  return `{\n  "hook_type": "inbox",\n  "transport": "",\n  "attachments": [\n${attachments}\n  ],\n  "message_id": "wrong type"\n}\n`;
}

/** Requires a fresh copy of a bundle (no module or compile cache): its exports and the milliseconds the require took. */
function loadFresh(file: string): { exports: unknown; ms: number } {
  const copy = file.replace(/\.js$/, `.bench-${process.pid}-${performance.now().toFixed(0)}.js`);
  writeFileSync(copy, `${readFileSync(file, 'utf8')}\n// bench copy\n`);
  try {
    const started = performance.now();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exports: unknown = require(copy);
    return { exports, ms: performance.now() - started };
  } finally {
    rmSync(copy, { force: true });
  }
}

/** The median of `runs` measurements. */
function median(measure: () => number, runs = 9): number {
  const times = Array.from({ length: runs }, measure);
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

/** Median time to require a bundle in this extension host, each run from a fresh copy. */
const requireMs = (file: string): number => median(() => loadFresh(file).ms);

/** When the extension host began activating the extension, and why: its log line "ExtensionService#_doActivateExtension <id>, …, activationEvent: '…'". */
function hostActivationRecord(): { at: number; event: string } {
  const logs = process.env.WEBHOOK_STUDIO_HOST_LOGS;
  assert.ok(logs, 'the harness passes the host log folder (WEBHOOK_STUDIO_HOST_LOGS)');
  const files = (readdirSync(logs, { recursive: true }) as string[]).filter((f) => /exthost\.log$/.test(f));
  const line = new RegExp(
    `^(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .*_doActivateExtension ${EXTENSION_ID.replace('.', '\\.')},.*activationEvent: '([^']+)'`,
    'm',
  );
  for (const file of files) {
    const match = line.exec(readFileSync(join(logs, file), 'utf8'));
    // The log prints local time without a zone; Date reads it the same way.
    if (match) return { at: new Date(`${match[1]}T${match[2]}`).getTime(), event: match[3] };
  }
  throw new Error(`no activation of ${EXTENSION_ID} in the extension host logs (${files.join(', ') || 'none'} under ${logs})`);
}

describe('Activation in the real VS Code host', function () {
  this.timeout(120_000);

  it("activation event to activate() returning, and the bundle's require time", async () => {
    const extension = vscode.extensions.getExtension<WebhookStudioApi>(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    const wasActive = extension.isActive;
    const eventAt = performance.now();
    // onLanguage:json, the event that activates the extension when a payload is opened.
    if (!wasActive) await vscode.workspace.openTextDocument({ language: 'json', content: '{}' });
    const { activation } = await extension.activate();
    const dist = join(extension.extensionPath, 'dist');
    const ms = (from: number | undefined, to: number) => (from === undefined ? 'n/a' : `${(to - from).toFixed(1)} ms`);
    // Measured here when this bench opened the first JSON document; the workbench sometimes opens a JSON
    // model at startup first. Either way the extension host's log says when it began activating us and
    // for which event (its clock is this process's wall clock, to the millisecond).
    if (!wasActive) row('activation: onLanguage:json event (opened here) to activate() returning', ms(eventAt, activation.returnedAt));
    const logged = hostActivationRecord();
    row(
      `activation: ${logged.event} event (host log) to activate() returning`,
      `${(performance.timeOrigin + activation.returnedAt - logged.at).toFixed(0)} ms${wasActive ? ' (the workbench opened JSON before the bench)' : ''}`,
    );
    row(
      'activation: bundle evaluation began to activate() returning',
      `${ms(activation.bundleStartedAt, activation.returnedAt)} (bundle evaluation ${ms(activation.bundleStartedAt, activation.bundleEvaluatedAt)}, activate() body ${ms(activation.startedAt, activation.returnedAt)})`,
    );
    const kb = (file: string) => `${(statSync(file).size / 1000).toFixed(0)} KB`;
    const bundle = join(dist, 'extension.js');
    const oneBundle = join(extension.extensionPath, 'out', 'bench', 'extension-one-bundle.js');
    row(
      `require dist/extension.js (${kb(bundle)}, median of 9)`,
      `${requireMs(bundle).toFixed(1)} ms; the same code as one bundle (${kb(oneBundle)}) ${requireMs(oneBundle).toFixed(1)} ms`,
    );
    const onDemand = ['validators-chat2desk.js', 'validators-iqchannels.js', 'zod-engine.js', 'jsonc-parser.js'].map((f) => join(dist, f));
    row(
      'on demand, not at activation: validators (2), zod, jsonc-parser',
      `${onDemand
        .map((f) => requireMs(f))
        .reduce((a, b) => a + b, 0)
        .toFixed(1)} ms to require (${onDemand.map(kb).join(' + ')})`,
    );
  });

  it('first validation in the host: Validate Payload loads the precompiled validators on first use', async () => {
    const extension = vscode.extensions.getExtension<WebhookStudioApi>(EXTENSION_ID)!;
    const validators = join(extension.extensionPath, 'dist', 'validators-chat2desk.js');
    const loadedBefore = require.cache[validators] !== undefined;
    const text = '{\n  "hook_type": "inbox",\n  "message_id": "wrong type"\n}\n';
    const uri = await writeWorkspaceFile('bench-first-validation.json', text);
    // Opened first: opening a file costs the workbench far more than validating it, and is not ours to time.
    await vscode.workspace.openTextDocument(uri);
    const validateMs = async () => {
      const started = performance.now();
      const issues = await vscode.commands.executeCommand<ValidationIssue[]>('webhookStudio.validatePayload', uri, { quiet: true });
      assert.equal(issues?.[0]?.path, '$.message_id');
      return performance.now() - started;
    };
    const [firstMs, againMs] = [await validateMs(), await validateMs()];
    row(
      'Validate Payload of an open file: first (validators loaded)',
      `${firstMs.toFixed(1)} ms${loadedBefore ? ' (validators-chat2desk.js was loaded before)' : ''}; again ${againMs.toFixed(1)} ms`,
    );
    const inbox = JSON.parse(readFileSync(join(extension.extensionPath, 'schemas', 'examples', 'chat2desk', 'inbox.json'), 'utf8'));
    const precompiledMs = median(() => {
      const { exports, ms } = loadFresh(validators);
      const started = performance.now();
      assert.equal((exports as { validate: (value: unknown) => boolean }).validate(inbox), true);
      return ms + performance.now() - started;
    });
    // What the first validation cost before #17: ajv compiling the root schema in this host.
    const compiledMs = median(() => {
      const started = performance.now();
      assert.equal(compileValidators(readSchemaFiles(join(extension.extensionPath, 'schemas')))('chat2desk.schema.json')(inbox), true);
      return performance.now() - started;
    }, 3);
    row(
      'in this host: require validators-chat2desk.js + validate',
      `${precompiledMs.toFixed(1)} ms; ajv compiling the root schema instead ${compiledMs.toFixed(0)} ms (median of 3)`,
    );
    await closeAllEditors();
  });
});

describe('Benchmarks in the real VS Code host', function () {
  this.timeout(300_000);
  before(activateExtension);
  afterEach(closeAllEditors);

  it('cold start: the JSON language server starts and loads the generated schemas', async () => {
    const cold = await firstDiagnosticMs('bench-cold.chat2desk.json', fixture(1));
    row('cold start (first fixture opened: server + schema load)', `first diagnostics ${cold.toFixed(0)} ms`);
  });

  for (const [label, items] of [
    ['documented-size payload', 3],
    ['5 MB fixture', 27_000],
  ] as const) {
    it(label, async () => {
      const text = fixture(items);
      const name = `bench-${items}.chat2desk.json`;
      const diagnostics = await firstDiagnosticMs(name, text);
      const uri = (await vscode.workspace.findFiles(name))[0];
      const document = await vscode.workspace.openTextDocument(uri);
      const position = document.positionAt(document.getText().indexOf('"transport": ""') + '"transport": "'.length);
      const completion = await completionMs(uri, position);
      row(
        `${label}: ${formatBytes(Buffer.byteLength(text))}`,
        `first diagnostics ${diagnostics.toFixed(0)} ms; completion (median of 15) ${completion.toFixed(1)} ms`,
      );
    });
  }
});
