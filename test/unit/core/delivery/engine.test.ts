import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '../../../support/ports';
import { deliveryOrder } from '../../../../src/core/delivery/arrange';
import { allDelivered, runDelivery, type DeliveryProgress, type RunDeliveryOptions } from '../../../../src/core/delivery/engine';
import { chat2deskPolicy, describePolicy, formatDuration, HOUR, MINUTE, parsePolicy, parseTimeScale, SECOND } from '../../../../src/core/delivery/policy';
import { prepareDeliveryEvents } from '../../../../src/core/delivery/prepare';
import { summarizeTimeline } from '../../../../src/core/delivery/summary';
import { verifySignature } from '../../../../src/core/signature';
import { FakeClock } from '../../../support/fake-clock';
import { startReceiver, type Receiver } from '../../../support/receiver';

const TOKEN = 'delivery-test-token-5e1c';
const CHAT2DESK_SCHEDULE = [0, 10 * SECOND, 10 * SECOND + 5 * MINUTE, 10 * SECOND + 5 * MINUTE + 2 * HOUR];

interface Handled {
  body: string;
  headers: IncomingHttpHeaders;
}
interface Handler {
  url: string;
  requests: Handled[];
  close(): Promise<void>;
}

/** A handler on 127.0.0.1 whose answers (possibly delayed) the test decides. */
async function startHandler(
  answer: (request: Handled, index: number) => Promise<{ status: number; body?: string }> | { status: number; body?: string },
): Promise<Handler> {
  const requests: Handled[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const handled = { body: Buffer.concat(chunks).toString('utf8'), headers: req.headers };
      requests.push(handled);
      void Promise.resolve(answer(handled, requests.length - 1)).then(({ status, body }) => {
        if (!res.destroyed) res.writeHead(status, { 'Content-Type': 'application/json' }).end(body ?? '{}');
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/hook`;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function events(url: string, ...names: string[]) {
  return prepareDeliveryEvents(
    names.map((name, i) => ({ source: `${name}.chat2desk.json`, text: JSON.stringify({ hook_type: name, message_id: i + 1 }) })),
    { url, bodyFormat: 'compact' },
  );
}

function run(options: Partial<RunDeliveryOptions> & Pick<RunDeliveryOptions, 'events'>) {
  return runDelivery({ apiToken: TOKEN, policy: chat2deskPolicy(2000), timeScale: 60, clock: new FakeClock(), ...options });
}

describe('delivery engine', () => {
  let receiver: Receiver;
  let failures = 0;
  before(async () => {
    // Fails the first `failures` requests (500), then verifies like the doc's example (200 / 401).
    receiver = await startReceiver(TOKEN, {
      respond: (w) =>
        receiver.received.length <= failures
          ? { status: 500, body: '{"error":"boom"}' }
          : w.signatureValid
            ? { status: 200, body: '{"ok":true}' }
            : { status: 401, body: '{}' },
    });
  });
  after(() => receiver.close());
  beforeEach(() => {
    receiver.received.splice(0);
    failures = 0;
  });

  describe('schedule', () => {
    it('follows the Chat2Desk preset exactly: resends after 10 s, 5 min, 2 h, compressed by the time scale', async () => {
      failures = 99;
      const clock = new FakeClock();
      const timeline = await run({ events: events(receiver.url, 'inbox'), clock, timeScale: 60 });
      const [delivery] = timeline.deliveries;
      assert.deepEqual(
        delivery.attempts.map((a) => a.scheduleMs),
        CHAT2DESK_SCHEDULE,
      );
      assert.deepEqual(
        delivery.attempts.map((a) => a.waitedMs),
        [0, 10 * SECOND, 5 * MINUTE, 2 * HOUR],
      );
      assert.deepEqual(clock.sleeps, [(10 * SECOND) / 60, (5 * MINUTE) / 60, (2 * HOUR) / 60], 'real waits: 0.17 s, 5 s, 120 s');
      assert.deepEqual(
        delivery.attempts.map((a) => a.status),
        [500, 500, 500, 500],
      );
      assert.deepEqual(delivery.outcome, { kind: 'gave-up', attempts: 4 });
      assert.equal(receiver.received.length, 4);
      assert.equal(allDelivered(timeline), false);
      assert.equal(timeline.webhook.failingSinceMs, 0);
      assert.equal(timeline.webhook.disabledAtMs, undefined, 'the retries end before the 5 h rule');
      assert.match(summarizeTimeline(timeline).join('\n'), /Chat2Desk would disable the webhook at 5 h unless a later event is accepted/);
    });

    it('runs in real time at scale 1 and back to back at scale Infinity, with the same schedule', async () => {
      failures = 99;
      const real = new FakeClock();
      const atOne = await run({ events: events(receiver.url, 'inbox'), clock: real, timeScale: 1 });
      assert.deepEqual(real.sleeps, [10 * SECOND, 5 * MINUTE, 2 * HOUR]);
      const instant = new FakeClock();
      const atInfinity = await run({ events: events(receiver.url, 'inbox'), clock: instant, timeScale: Infinity });
      assert.deepEqual(instant.sleeps, []);
      for (const timeline of [atOne, atInfinity])
        assert.deepEqual(
          timeline.deliveries[0].attempts.map((a) => a.scheduleMs),
          CHAT2DESK_SCHEDULE,
        );
      assert.equal(atInfinity.scheduleDurationMs, CHAT2DESK_SCHEDULE[3]);
    });

    it('succeeds at the third attempt against a handler that fails twice; every signature verifies', async () => {
      failures = 2;
      const timeline = await run({ events: events(receiver.url, 'inbox') });
      const [delivery] = timeline.deliveries;
      assert.deepEqual(
        delivery.attempts.map((a) => a.result),
        ['rejected', 'rejected', 'accepted'],
      );
      assert.deepEqual(delivery.outcome, { kind: 'delivered', attempt: 3 });
      assert.equal(allDelivered(timeline), true);
      assert.equal(timeline.webhook.failingSinceMs, undefined, 'a success clears the disable clock');
      assert.ok(receiver.received.every((r) => r.signatureValid));
      assert.ok(delivery.attempts.every((a) => /^\d{10}$/.test(a.timestamp ?? '')));
      assert.match(summarizeTimeline(timeline)[0], /^1 of 1 deliveries accepted \(0 at the first attempt, 1 after resends\); 3 attempts/);
    });

    it('custom and immediate policies', async () => {
      failures = 99;
      const clock = new FakeClock();
      const custom = await run({ events: events(receiver.url, 'inbox'), clock, policy: parsePolicy('custom:1,2.5', 2000), timeScale: 2 });
      assert.deepEqual(
        custom.deliveries[0].attempts.map((a) => a.scheduleMs),
        [0, 1000, 3500],
      );
      assert.deepEqual(clock.sleeps, [500, 1250]);
      const immediate = await run({ events: events(receiver.url, 'inbox'), policy: parsePolicy('immediate', 2000) });
      assert.deepEqual(
        immediate.deliveries[0].attempts.map((a) => a.scheduleMs),
        [0, 0, 0, 0],
      );
      const once = await run({ events: events(receiver.url, 'inbox'), policy: parsePolicy('once', 2000) });
      assert.equal(once.deliveries[0].attempts.length, 1);
    });
  });

  describe('retry timestamps', () => {
    // A receiver with a 300 s tolerance, on the same (fake) wall clock as the sender.
    async function toleranceRun(retryTimestamp: 'fresh' | 'original') {
      const clock = new FakeClock();
      const handler = await startHandler(({ body, headers }, index) => {
        if (index < 2) return { status: 503 };
        const result = verifySignature({
          body,
          timestamp: String(headers['x-timestamp']),
          signature: String(headers['x-signature']),
          apiToken: TOKEN,
          toleranceSeconds: 300,
          now: () => clock.wallNow(),
        });
        return result.valid ? { status: 200 } : { status: 401, body: JSON.stringify(result) };
      });
      try {
        return { timeline: await run({ events: events(handler.url, 'inbox'), clock, retryTimestamp }), requests: handler.requests };
      } finally {
        await handler.close();
      }
    }

    it('fresh (default): each attempt is re-signed with its own time and verifies within the tolerance', async () => {
      const { timeline, requests } = await toleranceRun('fresh');
      assert.deepEqual(timeline.deliveries[0].outcome, { kind: 'delivered', attempt: 3 });
      const stamps = requests.map((r) => Number(r.headers['x-timestamp']));
      assert.deepEqual(
        stamps.map(String),
        timeline.deliveries[0].attempts.map((a) => a.timestamp),
      );
      assert.ok(stamps[2] - stamps[0] >= 5, 'the third attempt is signed with its own (later) time: 5 s later at x60');
      assert.ok(timeline.deliveries[0].attempts.every((a) => a.timestampAgeSeconds === 0));
    });

    it('original: resends keep the first X-Timestamp, which is 310 s old at the third attempt and fails a 300 s tolerance', async () => {
      const { timeline, requests } = await toleranceRun('original');
      const [delivery] = timeline.deliveries;
      assert.deepEqual(
        delivery.attempts.map((a) => a.timestampAgeSeconds),
        [0, 10, 310, 7510],
      );
      assert.deepEqual(
        delivery.attempts.map((a) => a.status),
        [503, 503, 401, 401],
      );
      assert.match(requests[2].body, /inbox/);
      // Still a correct signature: only its age is wrong.
      const third = requests[2];
      assert.deepEqual(
        verifySignature({
          body: third.body,
          timestamp: String(third.headers['x-timestamp']),
          signature: String(third.headers['x-signature']),
          apiToken: TOKEN,
        }),
        { valid: true },
      );
      assert.deepEqual(delivery.outcome, { kind: 'gave-up', attempts: 4 });
      assert.match(
        summarizeTimeline(timeline).join('\n'),
        /3 resends carried the original X-Timestamp \(up to 2 h 5 min 10 s old\); 3 of them failed \(503, 401, 401\)/,
      );
    });
  });

  describe('classification', () => {
    it('2xx is success; other statuses, redirects, refused connections and timeouts are failures', async () => {
      const statuses = [201, 204, 302, 400, 500];
      const handler = await startHandler((_r, i) => ({ status: statuses[i % statuses.length] }));
      try {
        const timeline = await run({ events: events(handler.url, 'a', 'b', 'c', 'd', 'e'), policy: parsePolicy('once', 2000) });
        assert.deepEqual(
          timeline.deliveries.map((d) => d.attempts[0].result),
          ['accepted', 'accepted', 'error', 'rejected', 'rejected'],
        );
        assert.equal(timeline.deliveries[2].attempts[0].error?.code, 'redirect');
        assert.deepEqual(
          timeline.deliveries.map((d) => d.outcome.kind),
          ['delivered', 'delivered', 'gave-up', 'gave-up', 'gave-up'],
        );
      } finally {
        await handler.close();
      }
      const refused = await run({ events: events(await closedPortUrl(), 'a'), policy: parsePolicy('immediate', 2000) });
      assert.deepEqual(
        refused.deliveries[0].attempts.map((a) => a.error?.code),
        Array(4).fill('connection-refused'),
      );
    });

    it('a slow first answer times out and is resent; the late answer is recorded but does not count', async () => {
      const handler = await startHandler(async (_r, i) => {
        if (i === 0) await sleep(400);
        return { status: 200 };
      });
      try {
        const seen: DeliveryProgress['type'][] = [];
        const timeline = await run({
          events: events(handler.url, 'inbox'),
          policy: parsePolicy('custom:10', 100),
          timeScale: Infinity,
          lateAnswerWindowMs: 5000,
          onProgress: (p) => seen.push(p.type),
        });
        assert.ok(seen.includes('late-answer'));
        const [first, second] = timeline.deliveries[0].attempts;
        assert.equal(first.result, 'timeout');
        assert.equal(first.lateAnswer?.status, 200, 'the handler did answer, too late');
        assert.equal(second.result, 'accepted');
        assert.deepEqual(timeline.deliveries[0].outcome, { kind: 'delivered', attempt: 2 });
        assert.equal(handler.requests.length, 2, 'the handler received the event twice');
        assert.match(
          summarizeTimeline(timeline).join('\n'),
          /attempt 1: no answer within 100 ms, then 200 after .*Chat2Desk would count it as failed and resend/,
        );
      } finally {
        await handler.close();
      }
    });
  });

  describe('disable rule', () => {
    it('disables the webhook after 5 h without a successful answer: later attempts and events are not sent', async () => {
      failures = 99;
      const timeline = await run({
        events: events(receiver.url, 'inbox', 'outbox'),
        policy: parsePolicy('custom:10,300,7200,18000', 2000),
        timeScale: Infinity,
      });
      assert.equal(timeline.webhook.disabledAtMs, 5 * HOUR);
      for (const delivery of timeline.deliveries) {
        assert.equal(delivery.attempts.length, 4, 'the fifth attempt would be at 7 h 5 min');
        assert.deepEqual(delivery.outcome, { kind: 'disabled' });
      }
      assert.match(summarizeTimeline(timeline).join('\n'), /The webhook was disabled at 5 h: no successful answer for 5 h/);
    });

    it('a success in between restarts the 5 h clock', async () => {
      // "later" is accepted at its third attempt (310 s); "bad" never. Without the restart, bad's
      // fifth attempt (24510 s) would come after the 5 h mark; with it, 17000 s after bad's failure at 7510 s.
      const handler = await startHandler(({ body }) => ({
        status: body.includes('"later"') && handler.requests.filter((r) => r.body.includes('"later"')).length === 3 ? 200 : 500,
      }));
      try {
        const policy = parsePolicy('custom:10,300,7200,17000', 2000);
        const timeline = await run({ events: events(handler.url, 'bad', 'later'), policy, timeScale: Infinity });
        assert.deepEqual(
          timeline.deliveries.map((d) => d.outcome.kind),
          ['gave-up', 'delivered'],
        );
        assert.deepEqual(
          timeline.deliveries[0].attempts.map((a) => a.scheduleMs / SECOND),
          [0, 10, 310, 7510, 24510],
        );
        assert.equal(timeline.webhook.disabledAtMs, undefined);
        const alone = await run({ events: events(handler.url, 'bad'), policy, timeScale: Infinity });
        assert.equal(alone.webhook.disabledAtMs, 5 * HOUR);
      } finally {
        await handler.close();
      }
    });
  });

  describe('faults: duplicates and order', () => {
    it('duplicate, sequential: the same bytes twice, the copy after the original settled', async () => {
      const timeline = await run({ events: events(receiver.url, 'inbox'), faults: { duplicate: 'sequential' } });
      assert.deepEqual(
        timeline.deliveries.map((d) => [d.copy, d.outcome.kind]),
        [
          [1, 'delivered'],
          [2, 'delivered'],
        ],
      );
      assert.equal(receiver.received.length, 2);
      assert.equal(receiver.received[0].rawBody.toString(), receiver.received[1].rawBody.toString());
      assert.match(summarizeTimeline(timeline).join('\n'), /Each event was sent twice \(sequential\): both copies accepted for 1 of 1\./);
    });

    it('duplicate, concurrent: both copies are in flight at once', async () => {
      // Answers only once two requests are waiting: a sequential sender would time out here.
      const waiting: (() => void)[] = [];
      const handler = await startHandler(
        () =>
          new Promise((resolve) => {
            waiting.push(() => resolve({ status: 200 }));
            if (waiting.length === 2) for (const release of waiting) release();
          }),
      );
      try {
        const timeline = await run({ events: events(handler.url, 'inbox'), faults: { duplicate: 'concurrent' }, policy: parsePolicy('once', 5000) });
        assert.deepEqual(
          timeline.deliveries.map((d) => d.outcome.kind),
          ['delivered', 'delivered'],
        );
        assert.equal(handler.requests[0].body, handler.requests[1].body);
      } finally {
        await handler.close();
      }
    });

    it('slow first answer: each first answer counts as too slow, so every event reaches the handler twice', async () => {
      const timeline = await run({ events: events(receiver.url, 'inbox', 'outbox'), faults: { slowFirst: true } });
      for (const delivery of timeline.deliveries) {
        assert.deepEqual(
          delivery.attempts.map((a) => a.result),
          ['timeout', 'accepted'],
        );
        assert.equal(delivery.attempts[0].lateAnswer?.status, 200, 'what the handler really answered is kept');
        assert.equal(delivery.attempts[0].error?.message, 'counted as too slow on purpose (slow first answer)');
        assert.equal(delivery.attempts[0].countedSlow, true);
        assert.equal(delivery.attempts[1].scheduleMs - delivery.attempts[0].scheduleMs, 10 * SECOND);
      }
      assert.deepEqual(
        receiver.received.map((r) => JSON.parse(r.rawBody.toString()).hook_type),
        ['inbox', 'outbox', 'inbox', 'outbox'],
      );
      assert.match(
        summarizeTimeline(timeline).join('\n'),
        /Slow first answer: 2 of 2 first attempts were answered 2xx and counted as too slow on purpose; 2 of those events were accepted again when resent\./,
      );
    });

    it('order: as given, reverse, or shuffled reproducibly from a seed', async () => {
      const names = ['new_request', 'inbox', 'close_dialog', 'outbox', 'new_tag'];
      const arrived = () => receiver.received.splice(0).map((r) => JSON.parse(r.rawBody.toString()).hook_type as string);
      await run({ events: events(receiver.url, ...names) });
      assert.deepEqual(arrived(), names);
      await run({ events: events(receiver.url, ...names), faults: { order: 'reverse' } });
      assert.deepEqual(arrived(), [...names].reverse());
      const shuffled = await run({ events: events(receiver.url, ...names), faults: { order: 'shuffle', seed: 42 } });
      const first = arrived();
      assert.deepEqual([...first].sort(), [...names].sort());
      assert.equal(shuffled.seed, 42);
      await run({ events: events(receiver.url, ...names), faults: { order: 'shuffle', seed: 42 } });
      assert.deepEqual(arrived(), first, 'the same seed, the same order');
      assert.deepEqual(
        deliveryOrder(5, 'shuffle', 42),
        shuffled.deliveries.map((d) => d.eventIndex),
      );
      assert.notDeepEqual(deliveryOrder(8, 'shuffle', 1), deliveryOrder(8, 'shuffle', 2));
    });

    it('a failed event is resent after later events: the handler sees them out of order', async () => {
      const handler = await startHandler(({ body }, i) => ({ status: i === 0 && body.includes('first') ? 500 : 200 }));
      try {
        await run({ events: events(handler.url, 'first', 'second') });
        assert.deepEqual(
          handler.requests.map((r) => JSON.parse(r.body).hook_type),
          ['first', 'second', 'first'],
        );
      } finally {
        await handler.close();
      }
    });
  });

  describe('unsigned events', () => {
    it('IQChannels payloads (no documented signature) are delivered unsigned, with the same policy', async () => {
      const handler = await startHandler((_r, i) => ({ status: i === 0 ? 500 : 200 }));
      try {
        const unsigned = prepareDeliveryEvents([{ source: 'typing.iqchannels.json', text: '{"ChatEvent":{"Type":"typing"}}' }], {
          url: handler.url,
          bodyFormat: 'compact',
        });
        assert.equal(unsigned[0].signed, false);
        const timeline = await runDelivery({ events: unsigned, policy: chat2deskPolicy(2000), timeScale: Infinity });
        assert.deepEqual(
          timeline.deliveries[0].attempts.map((a) => [a.status, a.timestamp]),
          [
            [500, undefined],
            [200, undefined],
          ],
        );
        assert.ok(handler.requests.every((r) => r.headers['x-signature'] === undefined && r.headers['x-timestamp'] === undefined));
      } finally {
        await handler.close();
      }
    });
  });

  describe('cancel and progress', () => {
    it('cancel during a wait stops the run and marks what is left as cancelled', async () => {
      failures = 99;
      const controller = new AbortController();
      const timeline = await runDelivery({
        events: events(receiver.url, 'inbox', 'outbox'),
        apiToken: TOKEN,
        policy: chat2deskPolicy(2000),
        timeScale: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.type === 'waiting') controller.abort();
        },
      });
      assert.equal(timeline.state, 'cancelled');
      assert.deepEqual(
        timeline.deliveries.map((d) => d.outcome.kind),
        ['cancelled', 'cancelled'],
      );
      assert.equal(receiver.received.length, 2, 'only the first attempts went out');
    });

    it('cancel aborts an attempt in flight', async () => {
      const handler = await startHandler(() => new Promise(() => {}));
      const controller = new AbortController();
      try {
        const timeline = await run({
          events: events(handler.url, 'inbox'),
          signal: controller.signal,
          policy: chat2deskPolicy(60_000),
          onProgress: (p) => {
            if (p.type === 'attempt-started') setTimeout(() => controller.abort(), 50);
          },
        });
        assert.equal(timeline.deliveries[0].attempts[0].result, 'cancelled');
        assert.equal(timeline.state, 'cancelled');
      } finally {
        await handler.close();
      }
    });

    it('a throwing progress listener does not stop the run; its error comes back at the end', async () => {
      failures = 1;
      await assert.rejects(
        run({
          events: events(receiver.url, 'inbox'),
          onProgress: () => {
            throw new Error('view broke');
          },
        }),
        /view broke/,
      );
      assert.equal(receiver.received.length, 2, 'the resend still went out');
    });

    it('reports progress as it goes, on the timeline it returns', async () => {
      failures = 1;
      const seen: DeliveryProgress['type'][] = [];
      const timeline = await run({
        events: events(receiver.url, 'inbox'),
        onProgress: (p, t) => {
          seen.push(p.type);
          assert.equal(t.deliveries.length, 1);
        },
      });
      assert.deepEqual(seen, ['attempt-started', 'attempt-finished', 'waiting', 'attempt-started', 'attempt-finished', 'delivery-settled', 'finished']);
      assert.equal(timeline.state, 'finished');
      assert.ok(!JSON.stringify(timeline).includes(TOKEN), 'the token is never recorded');
    });
  });
});

describe('delivery policy', () => {
  it('parses the presets and custom lists, and refuses anything else with a usable message', () => {
    assert.deepEqual(parsePolicy('chat2desk'), { name: 'chat2desk', retryDelaysMs: [10_000, 300_000, 7_200_000], disableAfterMs: 5 * HOUR, timeoutMs: 10_000 });
    assert.deepEqual(parsePolicy('immediate').retryDelaysMs, [0, 0, 0]);
    assert.deepEqual(parsePolicy('once').retryDelaysMs, []);
    assert.deepEqual(parsePolicy('custom:10, 300,7200.5', 3000), {
      name: 'custom:10,300,7200.5',
      retryDelaysMs: [10_000, 300_000, 7_200_500],
      disableAfterMs: 5 * HOUR,
      timeoutMs: 3000,
    });
    assert.throws(() => parsePolicy('custom:10,x'), /custom: takes resend waits in seconds separated by commas, e.g. custom:10,300,7200; got "10,x"/);
    assert.throws(() => parsePolicy('stripe'), /Unknown policy "stripe": use chat2desk, immediate, once or custom:/);
  });

  it('parses time scales and formats durations', () => {
    assert.equal(parseTimeScale('60'), 60);
    assert.equal(parseTimeScale('x600'), 600);
    assert.equal(parseTimeScale('inf'), Infinity);
    assert.equal(parseTimeScale('∞'), Infinity);
    assert.throws(() => parseTimeScale('0.5'), /must be a number >= 1/);
    assert.throws(() => parseTimeScale('fast'), /got "fast"/);
    assert.deepEqual([10_000, 300_000, 7_200_000, 7_510_000, 170, 1500].map(formatDuration), ['10 s', '5 min', '2 h', '2 h 5 min 10 s', '170 ms', '1.50 s']);
    assert.equal(describePolicy(parsePolicy('chat2desk')), 'resend after 10 s, 5 min, 2 h; disabled after 5 h without success; success = 2xx within 10 s');
  });
});
