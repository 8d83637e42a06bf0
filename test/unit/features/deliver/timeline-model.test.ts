import * as assert from 'node:assert/strict';
import { runDelivery, timelineJson } from '../../../../src/core/delivery/engine';
import { signingKeyFromToken } from '../../../../src/core/signature';
import { parsePolicy } from '../../../../src/core/delivery/policy';
import { prepareDeliveryEvents } from '../../../../src/core/delivery/prepare';
import { repeatArgs } from '../../../../src/features/deliver/run-settings';
import { childNodes, present, type TimelineNode } from '../../../../src/features/deliver/timeline-model';
import { FakeClock } from '../../../support/fake-clock';
import { startReceiver } from '../../../support/receiver';
import { close, serve } from '../../../support/serve';

const TOKEN = 'timeline-model-token';

describe('Delivery Timeline view model', () => {
  it('shows a run, its summary, each delivery and each attempt, from the timeline as recorded', async () => {
    const receiver = await startReceiver(TOKEN, {
      respond: () => (receiver.received.length <= 2 ? { status: 500, body: 'down' } : { status: 200, body: '{"ok":true}' }),
    });
    try {
      const events = prepareDeliveryEvents([{ source: 'fixtures/inbox.chat2desk.json', text: '{"hook_type":"inbox"}' }], {
        url: receiver.url,
        bodyFormat: 'compact',
      });
      const snapshots: string[] = [];
      const timeline = await runDelivery({
        events,
        apiToken: TOKEN,
        policy: parsePolicy('chat2desk', 2000),
        timeScale: 60,
        clock: new FakeClock(),
        onProgress: (p, t) => {
          if (p.type === 'attempt-started') snapshots.push(present({ type: 'run', run: { id: 1, target: 'Local', timeline: t } }).description!);
        },
      });
      assert.deepEqual(snapshots, ['running…', 'running…', 'running…'], 'live while it runs');
      const run: TimelineNode = { type: 'run', run: { id: 1, target: 'Local', timeline } };
      const runView = present(run);
      assert.equal(runView.description, '1 of 1 accepted');
      assert.deepEqual(runView.icon, { id: 'pass', color: 'testing.iconPassed' });
      const [summary, delivery] = childNodes(run);
      assert.match(present(summary).description!, /^1 of 1 deliveries accepted/);
      assert.ok(childNodes(summary).some((n) => n.type === 'summary-line' && /delivered at attempt 3 of 4 \[500, 500, 200\]/.test(n.text)));
      assert.deepEqual(present(delivery), {
        id: 'run/1/d/0',
        label: 'inbox.chat2desk.json',
        description: 'delivered at attempt 3 of 4',
        tooltip: 'fixtures\\/inbox\\.chat2desk\\.json\n\nhook_type: inbox',
        icon: { id: 'pass', color: 'list.warningForeground' },
        collapsible: 'expanded',
        contextValue: 'delivery',
      });
      const attempts = childNodes(delivery).map(present);
      assert.deepEqual(
        attempts.map((a) => a.label),
        ['#1  0:00:00.000', '#2  0:00:10.000', '#3  0:05:10.000'],
      );
      assert.match(attempts[0].description!, /^500 Internal Server Error in /);
      assert.match(attempts[2].description!, /^200 OK in /);
      assert.match(
        attempts[1].tooltip!,
        /Sent at 0:00:10\.000 on Chat2Desk's clock \(0:00:00\.167 real time, ×60\)\n\nAfter a wait of 10 s\n\nX-Timestamp `\d{10}` \(fresh\)/,
      );
      assert.deepEqual(
        attempts.map((a) => a.icon.id),
        ['close', 'close', 'check'],
      );
    } finally {
      await receiver.close();
    }
  });

  it('Run Again repeats a run exactly: payloads, endpoint, policy, scale, faults and the shuffle seed', async () => {
    const receiver = await startReceiver(TOKEN);
    try {
      const payloads = ['a', 'b', 'c'].map((h) => ({ source: `${h}.chat2desk.json`, text: JSON.stringify({ hook_type: h }) }));
      const events = prepareDeliveryEvents(payloads, { url: receiver.url, bodyFormat: 'compact' });
      const timeline = await runDelivery({
        events,
        apiToken: TOKEN,
        policy: parsePolicy('custom:1,2'),
        timeScale: Infinity,
        retryTimestamp: 'original',
        faults: { order: 'shuffle', duplicate: 'concurrent' },
      });
      const endpoint = { url: receiver.url, name: 'Local', account: 'Chat2Desk', headers: { 'X-Tunnel': '1' } };
      assert.deepEqual(repeatArgs(timeline, payloads, endpoint), {
        payloads,
        endpoint,
        policy: 'custom:1,2',
        timeScale: 'inf',
        retryTimestamp: 'original',
        duplicate: 'concurrent',
        order: 'shuffle',
        seed: timeline.seed,
        slowFirst: undefined,
        interval: undefined,
      });
      const paced = await runDelivery({ events: events.slice(0, 2), apiToken: TOKEN, policy: parsePolicy('once'), timeScale: Infinity, intervalMs: 50 });
      assert.equal(repeatArgs(paced, payloads, endpoint).interval, '0.05', 'the interval is repeated too');
      assert.equal(typeof timeline.seed, 'number');
    } finally {
      await receiver.close();
    }
  });

  /** Every node of a run, presented: what the view shows. */
  const allShown = (run: TimelineNode): string[] => {
    const out: string[] = [];
    const walk = (node: TimelineNode) => {
      const p = present(node);
      out.push(p.label, p.description ?? '', p.tooltip ?? '');
      childNodes(node).forEach(walk);
    };
    walk(run);
    return out;
  };

  it('a handler that echoes the token, its MD5 key or the URL password: never in the timeline JSON or the view', async () => {
    const key = signingKeyFromToken(TOKEN);
    const password = 'timeline-pa55word';
    const { url: plain, server } = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(500, `no ${TOKEN}`, { 'X-Echo': key }).end(JSON.stringify({ token: TOKEN, key, password })));
    });
    try {
      const url = plain.replace('http://', `http://user:${password}@`);
      const events = prepareDeliveryEvents([{ source: 'inbox.chat2desk.json', text: '{"hook_type":"inbox"}' }], { url, bodyFormat: 'compact' });
      const timeline = await runDelivery({ events, apiToken: TOKEN, policy: parsePolicy('immediate', 2000), timeScale: Infinity });
      const run: TimelineNode = { type: 'run', run: { id: 1, target: 'Local', timeline } };
      const shown = [timelineJson(timeline), ...allShown(run)].join('\n');
      for (const secret of [TOKEN, key, password]) assert.ok(!shown.includes(secret), `${secret} is shown:\n${shown}`);
      assert.match(timelineJson(timeline), /"statusText": "no \[redacted\]"/);
      assert.match(timelineJson(timeline), /\{\\"token\\":\\"\[redacted\]\\",\\"key\\":\\"\[redacted\]\\",\\"password\\":\\"\[redacted\]\\"\}/);
    } finally {
      await close(server);
    }
  });

  it('text a sender or handler controls is escaped in every tooltip: no links, images, HTML or code breaking out', async () => {
    const evil = '[click](command:workbench.action.quit) <img src=x onerror=alert(1)> `code` **bold**\n\n# heading';
    const { url, server } = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(500, '[ok](https://evil.example)').end(evil));
    });
    try {
      const events = prepareDeliveryEvents([{ source: '[file](https://x.example).json', text: '{"hook_type":"<b>inbox</b>"}', provider: 'chat2desk' }], {
        url,
        bodyFormat: 'compact',
      });
      const timeline = await runDelivery({ events, apiToken: TOKEN, policy: parsePolicy('once', 2000), timeScale: Infinity });
      const run: TimelineNode = { type: 'run', run: { id: 1, target: '[target](https://t.example)', timeline } };
      const tooltips: string[] = [];
      const walk = (node: TimelineNode) => {
        const tooltip = present(node).tooltip;
        if (tooltip) tooltips.push(tooltip);
        childNodes(node).forEach(walk);
      };
      walk(run);
      const all = tooltips.join('\n---\n');
      // What Markdown would still read as markup once every backslash escape is taken out.
      const unescaped = all.replace(/\\[!-/:-@[-`{-~]/g, '');
      for (const raw of ['[click](', '<img', '`code`', '**bold**', '\n# heading', '[ok](', '[file](', '<b>', '[target]('])
        assert.ok(!unescaped.includes(raw), `"${raw}" reaches a tooltip unescaped:\n${all}`);
      assert.ok(all.includes('\\[click\\]\\(command\\:workbench\\.action\\.quit\\)'), all);
      assert.ok(all.includes('\\<b\\>inbox\\<\\/b\\>'), all);
    } finally {
      await close(server);
    }
  });

  it('a slow first answer is said to be counted as slow on purpose, never "too late"', async () => {
    const receiver = await startReceiver(TOKEN);
    try {
      const events = prepareDeliveryEvents([{ source: 'inbox.chat2desk.json', text: '{"hook_type":"inbox"}' }], { url: receiver.url, bodyFormat: 'compact' });
      const timeline = await runDelivery({ events, apiToken: TOKEN, policy: parsePolicy('immediate', 2000), timeScale: Infinity, faults: { slowFirst: true } });
      const run: TimelineNode = { type: 'run', run: { id: 1, target: 'Local', timeline } };
      const shown = allShown(run).join('\n');
      assert.match(shown, /counted as too slow on purpose \(slow first answer\): the handler answered 200 OK in \d+ ms/);
      assert.doesNotMatch(shown, /too late/);
    } finally {
      await receiver.close();
    }
  });
});
