// Deliver figures for npm run bench: wall time of the Chat2Desk preset when compressed, what the
// engine adds per attempt over bare sends of the same requests, and what a connection of its own per
// attempt (as Chat2Desk's resends arrive) costs against a kept-alive one.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runDelivery } from '../../src/core/delivery/engine';
import { CHAT2DESK_RETRY_DELAYS_MS, DEFAULT_TIME_SCALE, formatDuration, parsePolicy } from '../../src/core/delivery/policy';
import { prepareDeliveryEvents } from '../../src/core/delivery/prepare';
import { httpRequest, sendWebhook } from '../../src/core/send';

const TOKEN = 'bench-token';

export async function benchDeliver(row: (name: string, value: string) => void): Promise<void> {
  console.log('\nDeliver as Chat2Desk (resends after 10 s, 5 min, 2 h), against a local handler');
  let failuresLeft = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const fail = failuresLeft > 0;
      failuresLeft--;
      res.writeHead(fail ? 500 : 200).end(fail ? 'no' : '{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const events = (n: number) =>
    prepareDeliveryEvents(
      Array.from({ length: n }, (_, i) => ({ source: `e${i}`, text: JSON.stringify({ hook_type: 'inbox', message_id: i }) })),
      { url, bodyFormat: 'compact' },
    );

  const timed = async (scale: number, failures: number) => {
    failuresLeft = failures;
    const start = performance.now();
    const timeline = await runDelivery({ events: events(1), apiToken: TOKEN, policy: parsePolicy('chat2desk'), timeScale: scale });
    const wall = performance.now() - start;
    const waits = timeline.deliveries[0].attempts.reduce((sum, a) => sum + a.waitedMs, 0) / scale;
    return { wall, waits, attempts: timeline.deliveries[0].attempts.length };
  };
  const third = await timed(60, 2);
  row(
    'chat2desk x60, accepted at attempt 3: wall time',
    `${formatDuration(third.wall)} (waits ${formatDuration(third.waits)}; ${third.attempts} attempts; +${(third.wall - third.waits).toFixed(1)} ms)`,
  );
  const all = await timed(600, 99);
  row(
    'chat2desk x600, never accepted (4 attempts): wall time',
    `${formatDuration(all.wall)} (waits ${formatDuration(all.waits)}; +${(all.wall - all.waits).toFixed(1)} ms)`,
  );
  const schedule = CHAT2DESK_RETRY_DELAYS_MS.reduce((a, b) => a + b, 0);
  row(
    'chat2desk never accepted: waits alone (computed)',
    `x60 ${formatDuration(schedule / 60)}; x${DEFAULT_TIME_SCALE} (default) ${formatDuration(schedule / DEFAULT_TIME_SCALE)}`,
  );

  // Per attempt: 400 events one after another (policy once) vs bare sends of the same requests,
  // alternated over 3 rounds (the best of each kept: the machine is shared and noisy).
  const batch = events(400);
  failuresLeft = 0;
  let engineMs = Infinity;
  let bareMs = Infinity;
  for (let round = 0; round < 3; round++) {
    let start = performance.now();
    await runDelivery({ events: batch, apiToken: TOKEN, policy: parsePolicy('once'), timeScale: Infinity });
    engineMs = Math.min(engineMs, performance.now() - start);
    start = performance.now();
    for (const event of batch) await sendWebhook(event.request, { timeoutMs: 10_000 });
    bareMs = Math.min(bareMs, performance.now() - start);
  }
  row(`engine, ${batch.length} events in sequence (each re-signed), best of 3`, `${(engineMs / batch.length).toFixed(3)} ms per attempt`);
  row(`bare sendWebhook, the same ${batch.length} requests, best of 3`, `${(bareMs / batch.length).toFixed(3)} ms per request`);
  row('engine overhead per attempt', `${((engineMs - bareMs) / batch.length).toFixed(3)} ms (ratio ${(engineMs / bareMs).toFixed(2)}x)`);
  let keptAliveMs = Infinity;
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    for (const { request } of batch)
      await httpRequest({ url: request.url, method: 'POST', headers: request.headers, body: request.body }, { timeoutMs: 10_000 });
    keptAliveMs = Math.min(keptAliveMs, performance.now() - start);
  }
  row(
    'a connection of its own per request vs kept alive',
    `${(bareMs / batch.length).toFixed(3)} vs ${(keptAliveMs / batch.length).toFixed(3)} ms per request (+${((bareMs - keptAliveMs) / batch.length).toFixed(3)} ms)`,
  );
  server.closeAllConnections();
  server.close();
}
