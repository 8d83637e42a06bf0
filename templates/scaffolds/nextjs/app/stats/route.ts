// GET /stats: counts for the contract suite (chat2desk.webhooks.json); protect or remove it in production.
import { stats } from '../../lib/chat2desk-webhook';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json(stats);
}
