// Chat2Desk webhook handler on Fastify: POST /webhooks/chat2desk, GET /stats (for the contract suite).
import { fastify, type FastifyReply, type FastifyRequest } from 'fastify';
import { acceptEvent, checkChat2DeskSignature, requireApiToken, stats, toleranceSeconds } from './chat2desk-webhook.js';

requireApiToken();
const app = fastify({ bodyLimit: 1024 * 1024 });

async function receiveEvent(request: FastifyRequest, reply: FastifyReply) {
  const answer = acceptEvent(request.body as Buffer);
  return reply.code(answer.status).send(answer.body);
}

// #region signature-guard
// The signature covers the bytes as sent: in this plugin every body stays a Buffer (Fastify's JSON
// parser would parse it first). Other routes keep their parsers (plugins are encapsulated).
app.register(async (webhooks) => {
  webhooks.removeAllContentTypeParsers();
  webhooks.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  webhooks.addHook('preHandler', async (request, reply) => {
    const rawBody = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const header = (name = '') => [request.headers[name]].flat()[0];
    const refused = checkChat2DeskSignature(rawBody, header('x-signature'), header('x-timestamp'), process.env.CHAT2DESK_API_TOKEN, toleranceSeconds());
    if (refused) return reply.code(401).send({ ok: false, error: refused });
  });
  webhooks.post('/webhooks/chat2desk', receiveEvent);
});
// #endregion

app.get('/stats', async () => stats);

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1'; // HOST=0.0.0.0 in a container
app.listen({ port, host }).then(
  () => console.log(`Chat2Desk webhooks on http://${host}:${port}/webhooks/chat2desk`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
