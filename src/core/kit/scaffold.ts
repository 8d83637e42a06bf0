// Writes a handler scaffold into a folder: the framework's template files, its contract suite
// (chat2desk.webhooks.json, which starts the handler and proves it) and a .gitignore. Nothing is
// overwritten unless asked: with one existing file and no `force`, nothing at all is written.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { WebhookStudioError } from '../errors';
import { t } from '../l10n';
import type { ScaffoldFramework } from './frameworks';
import type { TemplateSource } from './templates';

export const SUITE_FILE = 'chat2desk.webhooks.json';
/** Every scaffold listens on PORT (default 3000; its suite's URLs read the same) and serves these paths. */
export const DEFAULT_PORT = 3000;
export const WEBHOOK_PATH = '/webhooks/chat2desk';
export const STATS_PATH = '/stats';

export class ScaffoldExistsError extends WebhookStudioError {
  readonly code = 'scaffold-exists';
  constructor(readonly existing: string[]) {
    super(
      t('Not written: {0} already exist(s) in the folder.', existing.join(', ')),
      t('Choose an empty folder, or overwrite them (--force; in VS Code: Overwrite).'),
    );
  }
}

export class ScaffoldTargetError extends WebhookStudioError {
  readonly code = 'scaffold-target';
  constructor(path: string, reason: string) {
    super(t('Cannot write the scaffold to {0}: {1}.', path, reason), t('Choose a folder you can write to.'));
  }
}

/** The suite (SUITE-FORMAT v1) that starts the scaffold and checks it as Chat2Desk would deliver. */
export function suiteFor(framework: ScaffoldFramework): Record<string, unknown> {
  // PORT from the environment, as the handler reads it: `PORT=4000 webhook-studio test` moves both.
  const base = `http://127.0.0.1:\${env:PORT:-${DEFAULT_PORT}}`;
  return {
    $schema: 'webhook-studio:/suite.schema.json',
    name: `Chat2Desk webhooks (${framework.label} scaffold)`,
    target: {
      url: `${base}${WEBHOOK_PATH}`,
      account: 'Chat2Desk',
      timeoutSeconds: 10,
      // The suite turns the timestamp window on, so that the recommended stale/future checks apply. No PORT
      // here: start.env would win over the environment's, and the URLs above would no longer follow it.
      start: { command: framework.start, cwd: '.', env: { CHAT2DESK_TIMESTAMP_TOLERANCE: '300' } },
      ready: { url: `${base}${STATS_PATH}`, timeoutSeconds: framework.readySeconds },
    },
    // GET /stats counts the events handed to the queue: a duplicate must not move it.
    probe: { http: { url: `${base}${STATS_PATH}`, path: '$.processed' } },
    scenarios: [
      {
        name: 'A client writes; Chat2Desk delivers the message twice at once',
        idempotent: true,
        deliver: { policy: 'chat2desk', timeScale: 'inf', duplicate: 'concurrent', order: 'as-given', seed: 1, retryTimestamp: 'fresh' },
        steps: [
          {
            event: 'inbox',
            name: 'an incoming message',
            // A new message_id per run: the handler deduplicates inbox events on it.
            patch: { '$.message_id': '{{unique}}' },
            expect: { status: '2xx', latencyMs: 2000 },
          },
        ],
      },
    ],
    checks: { recommended: true },
  };
}

/** Output path -> content: the templates, the suite and the .gitignore. */
export function scaffoldFiles(framework: ScaffoldFramework, templates: TemplateSource): Map<string, string> {
  const files = new Map<string, string>();
  for (const [out, template] of Object.entries(framework.files)) files.set(out, templates(template));
  files.set(SUITE_FILE, `${JSON.stringify(suiteFor(framework), null, 2)}\n`);
  if (framework.ignore.length > 0) files.set('.gitignore', `${framework.ignore.join('\n')}\n`);
  return files;
}

export interface ScaffoldReport {
  dir: string;
  /** Relative paths, in writing order. */
  written: string[];
  /** Those of `written` that existed before (only with force). */
  overwritten: string[];
  entry: string;
  suite: string;
}

export function writeScaffold(framework: ScaffoldFramework, outDir: string, options: { templates: TemplateSource; force?: boolean }): ScaffoldReport {
  const dir = resolve(outDir);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new ScaffoldTargetError(dir, t('it is a file, not a folder'));
  const files = scaffoldFiles(framework, options.templates);
  const overwritten = [...files.keys()].filter((path) => existsSync(join(dir, path)));
  if (overwritten.length > 0 && !options.force) throw new ScaffoldExistsError(overwritten);
  const written: string[] = [];
  try {
    for (const [path, content] of files) {
      const target = join(dir, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, content);
      written.push(path);
    }
  } catch (error) {
    throw new ScaffoldTargetError(dir, `${(error as Error).message}${written.length ? ` (${t('written so far: {0}', written.join(', '))})` : ''}`);
  }
  return { dir, written, overwritten, entry: join(dir, framework.entry), suite: join(dir, SUITE_FILE) };
}

/** What to run next, one command a line (shell syntax), in the scaffold's folder. */
export function nextSteps(framework: ScaffoldFramework, dir: string): string[] {
  return [
    `cd ${/^[\w./:@-]+$/.test(dir) ? dir : JSON.stringify(dir)}`,
    ...(framework.install ? [framework.install] : []),
    `export CHAT2DESK_API_TOKEN=...   # ${t('your Chat2Desk API token')}`,
    `${framework.start}   # ${t('listens on http://127.0.0.1:{0}{1}', DEFAULT_PORT, WEBHOOK_PATH)}`,
    `webhook-studio test ${SUITE_FILE}   # ${t('the contract suite (it starts the handler itself)')}`,
  ];
}
