// npm run simulator [-- --port N --token T]: a Chat2Desk API simulator with demo webhooks.
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEventCatalogue } from '../core/chat2desk/events';
import { Chat2DeskSimulator } from './server';

const { values } = parseArgs({ options: { port: { type: 'string' }, token: { type: 'string' } } });
const token = values.token ?? process.env.SIMULATOR_TOKEN ?? `sim-${randomBytes(8).toString('hex')}`;
const catalogue = loadEventCatalogue(join(resolve(__dirname, '..', '..'), 'schemas'));
const simulator = new Chat2DeskSimulator({ token, port: values.port ? Number(values.port) : 0, knownEvents: catalogue.events.map((e) => e.subscription) });
simulator.start().then((url) => {
  console.log(`Chat2Desk API simulator listening on ${url}`);
  console.log(`API token: ${token}   (a throwaway token for this simulator only)`);
  console.log(`Try: curl -H "Authorization: ${token}" ${url}/v1/webhooks`);
  console.log('Ctrl+C to stop.');
});
process.on('SIGINT', () => void simulator.stop().then(() => process.exit(0)));
