// The simulator's answers to the REST calls a handler makes besides /v1/webhooks: the documented example
// of each call (schemas/chat2desk.api-examples.json, from the Postman collection), so a handler that
// replies (POST /v1/messages), tags or reads a client gets what the docs show, and the call is recorded.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Route {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

const cache = new Map<string, Route[]>();

function routes(schemasDir: string): Route[] {
  let list = cache.get(schemasDir);
  if (!list) {
    try {
      list = (JSON.parse(readFileSync(join(schemasDir, 'chat2desk.api-examples.json'), 'utf8')) as { routes: Route[] }).routes;
    } catch {
      list = [];
    }
    cache.set(schemasDir, list);
  }
  return list;
}

/** The documented answer to `method path`, ids matching `*`; an exact segment wins over an id. */
export function documentedAnswer(schemasDir: string | undefined, method: string, pathname: string): { status: number; body: unknown } | undefined {
  if (!schemasDir) return undefined;
  const segments = pathname.split('/').filter(Boolean);
  const score = (route: Route) => {
    const parts = route.path.split('/').filter(Boolean);
    if (route.method !== method || parts.length !== segments.length) return -1;
    let exact = 0;
    for (let i = 0; i < parts.length; i++) {
      if (parts[i] === segments[i]) exact++;
      else if (parts[i] !== '*') return -1;
    }
    return exact;
  };
  let best: Route | undefined;
  let bestScore = -1;
  for (const route of routes(schemasDir)) {
    const s = score(route);
    if (s > bestScore) [best, bestScore] = [route, s];
  }
  return best && { status: best.status, body: best.body };
}
