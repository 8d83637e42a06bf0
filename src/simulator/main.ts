// npm run simulator [-- --port N --token T --listener URL --policy chat2desk|immediate|once|custom:.. --time-scale N]:
// a Chat2Desk API simulator with demo webhooks. Type an event name (e.g. "inbox") and Enter to deliver it,
// signed, to the webhooks subscribed to it, resent as Chat2Desk does (the Deliver engine, time-compressed).
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadEventCatalogue } from '../core/chat2desk/events';
import { DEFAULT_TIME_SCALE, parsePolicy, parseTimeScale } from '../core/delivery/policy';
import { describeError } from '../core/errors';
import { CONTROL_PREFIX, type DeliveryResult } from './delivery';
import { Chat2DeskSimulator, listenerWebhook } from './server';

const { values } = parseArgs({
  options: { port: { type: 'string' }, token: { type: 'string' }, listener: { type: 'string' }, policy: { type: 'string' }, 'time-scale': { type: 'string' } },
});
const token = values.token ?? process.env.SIMULATOR_TOKEN ?? `sim-${randomBytes(8).toString('hex')}`;
const schemasDir = join(resolve(__dirname, '..', '..'), 'schemas');
const catalogue = loadEventCatalogue(schemasDir);
const simulator = new Chat2DeskSimulator({
  token,
  port: values.port ? Number(values.port) : 0,
  knownEvents: catalogue.events.map((e) => e.subscription),
  schemasDir,
  ...(values.listener
    ? {
        extraWebhooks: [
          listenerWebhook(
            values.listener,
            catalogue.events.map((e) => e.subscription),
          ),
        ],
      }
    : {}),
  delivery: { policy: parsePolicy(values.policy ?? 'chat2desk'), timeScale: parseTimeScale(values['time-scale'] ?? String(DEFAULT_TIME_SCALE)) },
});

function describeDelivery(r: DeliveryResult): string {
  const target = `webhook ${r.webhookId} (${r.url})`;
  if (r.skipped) return `  ${r.subscription} -> ${target}: not delivered, ${r.skipped}`;
  const attempts = r.attempts && r.attempts > 1 ? ` after ${r.attempts} attempts` : '';
  if (r.error) return `  ${r.subscription} -> ${target}: failed${attempts}: ${r.error}${r.disabled ? ' (the webhook is now disabled)' : ''}`;
  return `  ${r.subscription} (hook_type ${r.hookType}) -> ${target}: ${r.status} in ${r.latencyMs} ms${attempts}${r.outcome === 'delivered' ? '' : ` (not accepted: ${r.outcome})`}${r.disabled ? ' (the webhook is now disabled)' : ''}`;
}

simulator.start().then((url) => {
  console.log(`Chat2Desk API simulator listening on ${url}`);
  console.log(`API token: ${token}   (a throwaway token for this simulator only)`);
  console.log(`Try: curl -H "Authorization: ${token}" ${url}/v1/webhooks`);
  console.log(`Deliver an event: type its name (e.g. inbox, new_ticket) and Enter, or`);
  console.log(`  curl -X POST -d '{"event":"inbox"}' ${url}${CONTROL_PREFIX}deliver`);
  console.log('Ctrl+C to stop.');
  const lines = createInterface({ input: process.stdin });
  lines.on('line', (line) => {
    const [event, id] = line.trim().split(/\s+/);
    if (!event) return;
    simulator.deliver(event, id ? Number(id) : undefined).then(
      (results) => console.log(results.length ? results.map(describeDelivery).join('\n') : `  no webhook subscribes to ${event}`),
      (error) => console.log(`  ${describeError(error)}`),
    );
  });
});
process.on('SIGINT', () => void simulator.stop().then(() => process.exit(0)));
