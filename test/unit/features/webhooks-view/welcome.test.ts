import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CAUSES } from '../../../../src/features/webhooks-view/tree-model';
import { REPO_ROOT } from '../../../support/paths';

interface Welcome {
  view: string;
  when: string;
  contents: string;
}
const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const nls = (file: string): Record<string, string> => JSON.parse(readFileSync(join(REPO_ROOT, file), 'utf8'));
/** The welcome entries as a user of the given package.nls file sees them (`%key%` resolved). */
const welcomeIn = (messages: Record<string, string>): Welcome[] =>
  manifest.contributes.viewsWelcome.map((w: Welcome) => ({ ...w, contents: w.contents.replace(/^%(.+)%$/, (_, key: string) => messages[key]) }));
const welcome = welcomeIn(nls('package.nls.json'));
const welcomeRu = welcomeIn(nls('package.nls.ru.json'));
const forState = (state: string) =>
  welcome.filter(
    (w) =>
      w.view === 'webhookStudio.webhooks' &&
      w.when
        .split('||')
        .map((c) => c.trim())
        .includes(`webhookStudio.webhooksState == ${state}`),
  );
/** viewsWelcome renders [label](command:...) lines as buttons and everything else as plain text. */
const buttons = (contents: string) =>
  contents
    .split('\n')
    .map((line) => /^\[([^\]]+)\]\(command:([\w.]+)/.exec(line))
    .filter((m) => m !== null)
    .map((m) => `${m![1]} -> ${m![2]}`);

describe('webhooks view welcome content', () => {
  it('every error cause has its own text, with Retry and Set a Different API Token buttons', () => {
    for (const cause of ERROR_CAUSES) {
      const entries = forState(cause);
      assert.equal(entries.length, 1, cause);
      const shown = buttons(entries[0].contents);
      assert.ok(shown.includes('Retry -> webhookStudio.refreshWebhooks'), `${cause}: ${shown}`);
      assert.ok(shown.includes('Set a Different API Token -> webhookStudio.setApiToken'), `${cause}: ${shown}`);
    }
    assert.deepEqual(buttons(forState('noToken')[0].contents), ['Set Your Chat2Desk API Token -> webhookStudio.setApiToken']);
    const texts = new Set(ERROR_CAUSES.map((c) => forState(c)[0].contents.split('\n')[0]));
    assert.equal(texts.size, ERROR_CAUSES.length, 'each cause says what happened in its own words');
  });

  it('uses no markdown that viewsWelcome would show raw (bold, code spans, headings), in English and Russian', () => {
    for (const entry of [...welcome, ...welcomeRu]) {
      assert.ok(entry.contents, `${entry.when}: has text`);
      const text = entry.contents.replace(/\[[^\]]*\]\([^)]*\)/g, '');
      assert.doesNotMatch(text, /\*\*|__|`|^#/m, entry.when);
    }
  });
});
