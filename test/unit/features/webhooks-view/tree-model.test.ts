import * as assert from 'node:assert/strict';
import { loadEventCatalogue } from '../../../../src/core/chat2desk/events';
import type { Account } from '../../../../src/core/settings';
import { childNodes, present, rootNodes, viewState, type AccountState, type WebhookNode } from '../../../../src/features/webhooks-view/tree-model';
import { aWebhook as webhook } from '../../../support/builders';
import { SCHEMAS_DIR } from '../../../support/paths';

const catalogue = loadEventCatalogue(SCHEMAS_DIR);
const account = (name = 'Main'): Account => ({ name, apiBaseUrl: 'https://api.chat2desk.com' });

describe('webhooks tree model', () => {
  it('one account: webhooks at the root; its empty states are welcome content', () => {
    const loaded: AccountState = { kind: 'loaded', webhooks: [webhook(), webhook({ id: 2 })] };
    assert.equal(rootNodes([{ account: account(), state: loaded }]).length, 2);
    for (const [state, expected] of [
      [{ kind: 'no-token' }, 'noToken'],
      [{ kind: 'error', cause: 'error', message: 'x' }, 'error'],
      [{ kind: 'error', cause: 'unauthorized', message: 'x' }, 'unauthorized'],
      [{ kind: 'error', cause: 'unreachable', message: 'x' }, 'unreachable'],
      [{ kind: 'loading' }, 'loading'],
      [{ kind: 'loaded', webhooks: [] }, 'empty'],
      [loaded, 'loaded'],
    ] as [AccountState, string][]) {
      assert.equal(viewState([{ account: account(), state }]), expected);
      if (state.kind !== 'loaded') assert.deepEqual(rootNodes([{ account: account(), state }]), []);
    }
  });

  it('several accounts: one root each, with their state as children', () => {
    const roots = rootNodes([
      { account: account('A'), state: { kind: 'no-token' } },
      { account: account('B'), state: { kind: 'error', cause: 'unauthorized', message: 'Chat2Desk rejected the API token (401).' } },
    ]);
    assert.deepEqual(
      roots.map((r) => r.type),
      ['account', 'account'],
    );
    const [noToken] = childNodes(roots[0]);
    assert.equal(present(noToken, catalogue).command?.command, 'webhookStudio.setApiToken');
    const [error] = childNodes(roots[1]);
    assert.equal(present(error, catalogue).label, 'Chat2Desk rejected the API token (401).');
    assert.equal(present(error, catalogue).command?.command, 'webhookStudio.setApiToken', 'a rejected token: set another');
    const [unreachable] = childNodes({
      type: 'account',
      account: account('C'),
      state: { kind: 'error', cause: 'unreachable', message: 'The Chat2Desk API at x could not be reached.' },
    });
    assert.equal(present(unreachable, catalogue).command?.command, 'webhookStudio.refreshWebhooks');
  });

  it('a webhook: label name, description URL, status icon, markdown tooltip', () => {
    const node: WebhookNode = { type: 'webhook', account: account(), webhook: webhook() };
    const p = present(node, catalogue);
    assert.deepEqual([p.label, p.description, p.icon.id, p.contextValue], ['New name', 'https://yoursite.com/', 'pass-filled', 'webhook.enabled']);
    assert.match(p.tooltip ?? '', /\| id \| 537680 \|/);
    assert.match(p.tooltip ?? '', /\| channels \| channels 1123, 5813 \|/);
    assert.equal(present({ ...node, webhook: webhook({ status: 'disable' }) }, catalogue).icon.id, 'circle-slash');
    assert.equal(present({ ...node, webhook: webhook({ errors: ['timeout'] }) }, catalogue).icon.id, 'warning');
  });

  it('children: each event with its documented description, channels, errors', () => {
    const node: WebhookNode = {
      type: 'webhook',
      account: account(),
      webhook: webhook({ events: ['inbox', 'operator_status_changed', 'mystery'], channels: undefined, errors: ['No successful response'] }),
    };
    const children = childNodes(node);
    assert.deepEqual(
      children.map((c) => c.type),
      ['event', 'event', 'event', 'channels', 'errors'],
    );
    assert.equal(present(children[0], catalogue).description, 'An incoming message from a client came.');
    assert.match(present(children[1], catalogue).tooltip ?? '', /payload hook_type "operator_status_updated"/);
    assert.equal(present(children[2], catalogue).description, 'not a documented event');
    assert.equal(present(children[3], catalogue).label, 'all channels');
    assert.deepEqual(
      childNodes(children[4]).map((c) => c.type === 'error-line' && c.text),
      ['No successful response'],
    );
  });

  it('builds tree items for 200 webhooks with unique ids', () => {
    const webhooks = Array.from({ length: 200 }, (_, i) => webhook({ id: i + 1 }));
    const nodes = rootNodes([{ account: account(), state: { kind: 'loaded', webhooks } }]);
    const ids = new Set(nodes.flatMap((n) => [n, ...childNodes(n)]).map((n) => present(n, catalogue).id));
    assert.equal(ids.size, 200 * 5);
  });

  it('ids are unique across accounts and webhooks, with an event listed twice and repeated error texts', () => {
    const same = webhook({ events: ['inbox', 'inbox', 'outbox'], errors: ['timeout', 'timeout'], channels: [1] });
    const states = [account('A'), account('A/537680'), account('B')].map((a) => ({
      account: a,
      state: { kind: 'loaded', webhooks: [same, webhook({ id: 2, errors: ['timeout'] })] } as AccountState,
    }));
    const all: WebhookNode[] = [];
    const walk = (nodes: WebhookNode[]) => {
      for (const n of nodes) {
        all.push(n);
        walk(childNodes(n));
      }
    };
    walk(rootNodes(states));
    const ids = all.map((n) => present(n, catalogue).id);
    assert.equal(new Set(ids).size, ids.length, `duplicates: ${ids.filter((id, i) => ids.indexOf(id) !== i).join(', ')}`);
    assert.ok(all.filter((n) => n.type === 'error-line').length >= 9);
  });

  it('escapes every API-sourced string in the webhook tooltip (no injected images, links, code or HTML)', () => {
    const evil = 'x`![p](https://evil.example/p.png)` [click](https://phish.example) <img src=x> **b** \n\n# h \u202Egnp.exe';
    const node: WebhookNode = {
      type: 'webhook',
      account: account(),
      webhook: webhook({ name: evil, url: `https://a.example/${evil}`, status: evil, events: [evil, 'inbox'], errors: [evil, { detail: evil }], source: evil }),
    };
    const tooltip = present(node, catalogue).tooltip ?? '';
    // Our own markup uses only ** and table pipes; any other unescaped markdown character came from the API.
    const unescaped = /(^|[^\\])(?:\\\\)*[`[\]()<>!#&]/m;
    assert.doesNotMatch(tooltip, unescaped, tooltip);
    assert.equal(tooltip.split('\n').filter((line) => line.startsWith('|')).length, 9, 'API newlines do not break the table');
    assert.match(tooltip, /evil\\\.example/, 'the text is still there, escaped');
    assert.ok(!tooltip.includes('\u202E'), 'no bidi override reorders the tooltip');
  });
});
