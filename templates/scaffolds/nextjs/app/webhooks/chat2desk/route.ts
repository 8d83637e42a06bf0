// Chat2Desk webhook handler as a Next.js route handler: POST /webhooks/chat2desk.
import { acceptEvent, checkChat2DeskSignature, toleranceSeconds } from '../../../lib/chat2desk-webhook';

// node:crypto, and one long-lived process for the in-memory queue and deduplication (`next start`).
export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

// #region signature-guard
export async function POST(request: Request) {
  // The signature covers the bytes as sent: read them raw (request.json() would parse them first).
  const rawBody = Buffer.from(await request.arrayBuffer());
  const refused = checkChat2DeskSignature(rawBody, request.headers.get('x-signature'), request.headers.get('x-timestamp'), process.env.CHAT2DESK_API_TOKEN, toleranceSeconds());
  if (refused) return Response.json({ ok: false, error: refused }, { status: 401 });
  const answer = acceptEvent(rawBody);
  return Response.json(answer.body, { status: answer.status });
}
// #endregion
