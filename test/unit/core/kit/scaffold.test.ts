// The handler kit without runtimes: what a scaffold consists of, how it is written (never over a file
// unless forced), the shape of its suite, the CLI, and Insert Signature Check's text. test/kit/ runs them.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import * as ts from 'typescript';
import { EXIT } from '../../../../src/cli';
import { documentedEventItems } from '../../../../src/core/documented-events';
import { FRAMEWORK_IDS, FRAMEWORKS, findFramework } from '../../../../src/core/kit/frameworks';
import { DEFAULT_PORT, scaffoldFiles, SUITE_FILE, suiteFor, writeScaffold } from '../../../../src/core/kit/scaffold';
import { TEMPLATE_PACK, templateSource } from '../../../../src/core/kit/templates';
import { signatureCheckParts, signatureCheckText, templateRegion } from '../../../../src/core/kit/signature-check';
import { computeSignature, signingKeyFromToken } from '../../../../src/core/signature';
import { runCliCapturing, scratchFiles } from '../../../support/cli';
import { REPO_ROOT, SCHEMAS_DIR, TEMPLATES } from '../../../support/paths';

const TOKEN = 'scaffold-unit-token-7d1e';
const scratch = scratchFiles('webhook-studio-scaffold-');
after(() => scratch.remove());
const express = findFramework('express')!;

/** The check ids SUITE-FORMAT v1 requires (the suites run all of them unless `checks.only` narrows it). */
const REQUIRED_CHECKS = ['missing-signature', 'wrong-signature', 'raw-token-key', 'altered-body', 'reserialised-body', 'unknown-hook-type'];

/** The suite's required shape (SUITE-FORMAT v1), as a list of what is wrong. */
function suiteProblems(suite: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, what: string) => ok || problems.push(what);
  const target = suite.target as Record<string, Record<string, unknown>> | undefined;
  need(typeof target?.url === 'string' && /^http:\/\/127\.0\.0\.1:(\d+|\$\{env:PORT:-\d+\})\//.test(target.url as unknown as string), 'target.url');
  need(typeof target?.start?.command === 'string', 'target.start.command');
  need(typeof target?.ready?.url === 'string' && typeof target.ready.timeoutSeconds === 'number', 'target.ready');
  const probe = suite.probe as { http?: { url?: unknown; path?: unknown } } | undefined;
  need(typeof probe?.http?.url === 'string' && String(probe.http.path).startsWith('$.'), 'probe.http');
  const scenarios = suite.scenarios as { idempotent?: boolean; steps?: Record<string, unknown>[] }[] | undefined;
  need(Array.isArray(scenarios) && scenarios.length > 0, 'scenarios');
  need(
    scenarios?.some((s) => s.idempotent === true),
    'an idempotent scenario',
  );
  for (const step of scenarios?.flatMap((s) => s.steps ?? []) ?? [])
    need('event' in step || 'fixture' in step || 'payload' in step || 'wait' in step, 'step payload');
  const checks = suite.checks as { only?: string[] } | undefined;
  need(checks && (!checks.only || REQUIRED_CHECKS.every((id) => checks.only!.includes(id))), 'checks (all required ones)');
  return problems;
}

describe('handler kit: scaffolds', () => {
  it('lists nine frameworks, each with its templates present and both signature regions', () => {
    assert.deepEqual(
      FRAMEWORKS.map((f) => f.id),
      [...FRAMEWORK_IDS],
    );
    for (const framework of FRAMEWORKS) {
      const files = scaffoldFiles(framework, TEMPLATES);
      assert.ok(files.has(framework.entry), `${framework.id}: the entry file is written`);
      assert.ok(files.has(SUITE_FILE), `${framework.id}: ships its suite`);
      for (const template of [framework.check.verify, framework.check.guard])
        assert.ok(Object.values(framework.files).includes(template), `${framework.id}: ${template}`);
      const { verify, guard } = signatureCheckParts(framework, TEMPLATES, { language: framework.languages[0] });
      assert.match(verify, /CHAT2DESK_TIMESTAMP_TOLERANCE/, `${framework.id}: the verify region holds the window`);
      assert.match(guard, /CHAT2DESK_API_TOKEN/, `${framework.id}: the guard reads the token from the environment`);
      const entry = files.get(framework.entry)!;
      assert.match(entry + [...files.values()].join(''), /\bPORT\b/, `${framework.id}: PORT`);
    }
  });

  it('each suite has the format’s required shape, uses a documented event, and matches the port it starts on', () => {
    const events = new Set(documentedEventItems(SCHEMAS_DIR).map((item) => item.event));
    for (const framework of FRAMEWORKS) {
      const suite = suiteFor(framework) as {
        target: { url: string; start: { command: string; env: Record<string, string> }; ready: { url: string } };
        probe: { http: { url: string } };
        scenarios: { steps: { event?: string }[] }[];
      };
      assert.deepEqual(suiteProblems(suite), [], framework.id);
      assert.equal(suite.target.start.command, framework.start);
      // The handler and every URL of the suite follow the environment's PORT, 3000 without it.
      assert.equal(suite.target.start.env.PORT, undefined);
      for (const url of [suite.target.url, suite.target.ready.url, suite.probe.http.url]) assert.ok(url.includes(`:\${env:PORT:-${DEFAULT_PORT}}/`), url);
      for (const step of suite.scenarios.flatMap((s) => s.steps))
        assert.ok(!step.event || events.has(step.event), `${framework.id}: ${step.event} is documented`);
    }
  });

  it('writes every file and says which; refuses to overwrite (writing nothing) unless forced', () => {
    const dir = join(scratch.dir, 'express');
    const report = writeScaffold(express, dir, { templates: TEMPLATES });
    assert.deepEqual(report.written, ['src/server.ts', 'src/chat2desk-webhook.ts', 'package.json', 'tsconfig.json', SUITE_FILE, '.gitignore']);
    assert.deepEqual(report.overwritten, []);
    assert.equal(report.entry, join(dir, 'src/server.ts'));
    assert.deepEqual(JSON.parse(readFileSync(report.suite, 'utf8')), suiteFor(express));

    writeFileSync(join(dir, 'package.json'), '{"mine":true}');
    rmSync(join(dir, SUITE_FILE));
    assert.throws(
      () => writeScaffold(express, dir, { templates: TEMPLATES }),
      (error: Error & { code?: string }) => {
        assert.equal(error.code, 'scaffold-exists');
        assert.match(error.message, /src\/server\.ts, .*package\.json/);
        return true;
      },
    );
    assert.equal(readFileSync(join(dir, 'package.json'), 'utf8'), '{"mine":true}', 'an existing file is left alone');
    assert.ok(!existsSync(join(dir, SUITE_FILE)), 'nothing is written when something exists');

    const forced = writeScaffold(express, dir, { templates: TEMPLATES, force: true });
    assert.ok(forced.overwritten.includes('package.json') && !forced.overwritten.includes(SUITE_FILE));
    assert.match(readFileSync(join(dir, 'package.json'), 'utf8'), /"express"/);
  });

  it('says so when the target is a file', () => {
    const file = scratch.file('not-a-folder', 'x');
    assert.throws(() => writeScaffold(express, file, { templates: TEMPLATES }), /it is a file, not a folder/);
  });

  it('reads the same templates from the VSIX (dist/scaffolds.json.br, which .vscodeignore ships) as from the repository', () => {
    assert.match(readFileSync(join(REPO_ROOT, '.vscodeignore'), 'utf8'), /^!dist\/scaffolds\.json\.br$/m);
    const installed = join(scratch.dir, 'installed');
    const templates = [...new Set(FRAMEWORKS.flatMap((f) => Object.values(f.files)))];
    mkdirSync(join(installed, 'dist'), { recursive: true });
    writeFileSync(join(installed, TEMPLATE_PACK), brotliCompressSync(JSON.stringify(Object.fromEntries(templates.map((path) => [path, TEMPLATES(path)])))));
    const packed = templateSource(installed);
    for (const framework of FRAMEWORKS) assert.deepEqual(scaffoldFiles(framework, packed), scaffoldFiles(framework, TEMPLATES), framework.id);
    assert.throws(
      () => packed('rails/app.rb'),
      (error: Error & { code?: string }) => error.code === 'template-missing' && /rails\/app\.rb/.test(error.message),
    );
    assert.throws(() => templateSource(join(scratch.dir, 'nowhere'))('go/main.go'), /missing from this installation/);
  });
});

describe('handler kit: Insert Signature Check', () => {
  const valid = (body: string, timestamp: string) => computeSignature(body, timestamp, signingKeyFromToken(TOKEN));
  const jsSyntaxErrors = (text: string) => {
    const program = ts.createProgram({
      rootNames: ['snippet.js'],
      options: { allowJs: true, noEmit: true, noLib: true, types: [] },
      host: singleFileHost('snippet.js', text),
    });
    return program.getSyntacticDiagnostics().map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  };

  it('gives JavaScript files the check without types; in a CommonJS file with require()', () => {
    for (const framework of FRAMEWORKS.filter((f) => f.languages.includes('javascript'))) {
      const esm = signatureCheckText(framework, TEMPLATES, { language: 'javascript', documentText: "import express from 'express';\n" });
      assert.deepEqual(jsSyntaxErrors(esm), [], `${framework.id} (ES module)`);
      assert.match(esm, /^import \{ createHash, createHmac, timingSafeEqual \} from 'node:crypto';$/m);
      const cjs = signatureCheckText(framework, TEMPLATES, { language: 'javascript', documentText: "const express = require('express');\n" });
      assert.deepEqual(jsSyntaxErrors(cjs), [], `${framework.id} (CommonJS)`);
      assert.match(cjs, /^const \{ createHash, createHmac, timingSafeEqual \} = require\('node:crypto'\);$/m);
    }
  });

  it('the JavaScript verify function accepts what Chat2Desk signs and refuses the rest', () => {
    const { verify } = signatureCheckParts(express, TEMPLATES, { language: 'javascript', documentText: 'require("x")' });
    const check = new Function('require', 'process', `${verify}\nreturn checkChat2DeskSignature;`)(require, { env: {} }) as (
      body: Buffer,
      signature?: string,
      timestamp?: string,
      token?: string,
      tolerance?: number,
    ) => string | undefined;
    const body = '{"hook_type":"inbox","text":"caf\\u00e9"}';
    const now = String(Math.floor(Date.now() / 1000));
    assert.equal(check(Buffer.from(body), valid(body, now), now, TOKEN), undefined);
    assert.equal(check(Buffer.from(body), valid(body, now).toUpperCase(), now, TOKEN), undefined, 'hex in either case');
    assert.equal(check(Buffer.from(body.replace('\\u00e9', 'é')), valid(body, now), now, TOKEN), 'signature mismatch', 'a re-serialised body');
    assert.equal(check(Buffer.from(body), computeSignature(body, now, TOKEN), now, TOKEN), 'signature mismatch', 'keyed with the raw token');
    assert.equal(check(Buffer.from(body), undefined, now, TOKEN), 'missing X-Signature or X-Timestamp');
    assert.equal(check(Buffer.from(body), 'zz', now, TOKEN), 'malformed X-Signature');
    assert.equal(check(Buffer.from(body), valid(body, '1000'), '1000', TOKEN, 300), 'X-Timestamp outside the allowed window');
    assert.equal(check(Buffer.from(body), valid(body, now), now, undefined), 'CHAT2DESK_API_TOKEN is not set');
  });

  it('keeps TypeScript as written, without the exports the template needs for its other modules', () => {
    const { verify } = signatureCheckParts(express, TEMPLATES, { language: 'typescript' });
    assert.match(verify, /^function checkChat2DeskSignature\(rawBody: Uint8Array, signature\?: string \| null/m);
    assert.doesNotMatch(verify, /^export /m);
  });

  it('cuts regions by their markers in any comment style, dedented', () => {
    assert.equal(templateRegion('a\n  // #region x\n    one\n  two\n  // #endregion\nb', 'x'), '  one\ntwo');
    assert.equal(templateRegion('# region x\nprint(1)\n# endregion', 'x'), 'print(1)');
    assert.throws(() => templateRegion('nothing', 'x', 'file.ts'), /file\.ts: no "x" region/);
  });
});

/** A compiler host that knows one file (and the default library, which syntax checks do not need). */
function singleFileHost(name: string, text: string): ts.CompilerHost {
  const host = ts.createCompilerHost({});
  const original = host.getSourceFile.bind(host);
  host.getSourceFile = (file, version) => (file === name ? ts.createSourceFile(name, text, version) : original(file, version));
  return host;
}

describe('CLI scaffold', () => {
  const cli = (args: string[]) => runCliCapturing(args, TOKEN);

  it('--list names every framework and what it needs (--json too)', async () => {
    const human = await cli(['scaffold', '--list']);
    assert.equal(human.code, EXIT.ok);
    for (const id of FRAMEWORK_IDS) assert.match(human.stdout, new RegExp(`^${id} `, 'm'));
    const json = await cli(['scaffold', '--list', '--json']);
    assert.deepEqual(
      JSON.parse(json.stdout).map((f: { id: string }) => f.id),
      [...FRAMEWORK_IDS],
    );
  });

  it('writes the scaffold, prints each file and the next steps; exit 2 without overwriting, unless --force', async () => {
    const dir = join(scratch.dir, 'cli-go');
    const first = await cli(['scaffold', '--framework', 'go', '--out', dir]);
    assert.equal(first.code, EXIT.ok, first.stderr);
    assert.match(first.stdout, new RegExp(`wrote ${join(dir, 'main.go')}`));
    assert.match(first.stdout, /go run \./);
    assert.match(first.stdout, /webhook-studio test chat2desk\.webhooks\.json/);
    const again = await cli(['scaffold', '--framework', 'go', '--out', dir]);
    assert.equal(again.code, EXIT.usage);
    assert.match(again.stderr, /already exist/);
    const forced = await cli(['scaffold', '--framework', 'go', '--out', dir, '--force', '--json']);
    assert.equal(forced.code, EXIT.ok);
    const report = JSON.parse(forced.stdout);
    assert.deepEqual(report.overwritten, ['main.go', 'go.mod', SUITE_FILE]);
    assert.equal(report.entry, join(dir, 'main.go'));
  });

  it('exit 2 with the choices for a missing or unknown framework, and without --out', async () => {
    const unknown = await cli(['scaffold', '--framework', 'rails', '--out', scratch.dir]);
    assert.equal(unknown.code, EXIT.usage);
    assert.match(unknown.stderr, /Unknown framework "rails"\. Frameworks: express, fastify/);
    const none = await cli(['scaffold', '--out', scratch.dir, '--json']);
    assert.equal(none.code, EXIT.usage);
    assert.equal(JSON.parse(none.stdout).error.code, 'usage');
    const noOut = await cli(['scaffold', '--framework', 'php']);
    assert.match(noOut.stderr, /--out DIR/);
  });
});
