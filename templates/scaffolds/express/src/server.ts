// Chat2Desk webhook handler on Express: POST /webhooks/chat2desk, GET /stats (for the contract suite).
import express from 'express';
import { acceptEvent, checkChat2DeskSignature, requireApiToken, stats, toleranceSeconds } from './chat2desk-webhook.js';

requireApiToken();
const app = express();

const receiveEvent: express.RequestHandler = (req, res) => {
  const answer = acceptEvent(req.body);
  res.status(answer.status).json(answer.body);
};

// #region signature-guard
// The signature covers the bytes as sent: read them raw (express.json() would parse them first).
app.post('/webhooks/chat2desk', express.raw({ type: () => true, limit: '1mb' }), (req, res, next) => {
  const rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const refused = checkChat2DeskSignature(rawBody, req.get('x-signature'), req.get('x-timestamp'), process.env.CHAT2DESK_API_TOKEN, toleranceSeconds());
  if (refused) {
    res.status(401).json({ ok: false, error: refused });
    return;
  }
  req.body = rawBody;
  next();
}, receiveEvent);
// #endregion

app.get('/stats', (_req, res) => {
  res.json(stats);
});

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || '127.0.0.1'; // HOST=0.0.0.0 in a container
app.listen(port, host, () => console.log(`Chat2Desk webhooks on http://${host}:${port}/webhooks/chat2desk`));
