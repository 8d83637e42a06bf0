import * as assert from 'node:assert/strict';
import { runDelivery } from '../../src/core/delivery/engine';
import { parsePolicy } from '../../src/core/delivery/policy';
import { prepareDeliveryEvents } from '../../src/core/delivery/prepare';
import { repeatArgs } from '../../src/features/deliver/run-settings';
import { childNodes, present, type TimelineNode } from '../../src/features/deliver/timeline-model';
import { FakeClock } from '../support/fake-clock';
import { startReceiver } from '../support/receiver';

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
        tooltip: 'fixtures/inbox.chat2desk.json\n\nhook_type `inbox`',
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
      });
      assert.equal(typeof timeline.seed, 'number');
    } finally {
      await receiver.close();
    }
  });
});
