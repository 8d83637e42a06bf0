// Turning a capture into something else: a fixture file, a replayed request, a cURL command line.
import { lstatSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsoncParser } from '../jsonc';
import { signRequest } from '../signature';
import { t } from '../l10n';
import { httpRequest, parseEndpointUrl, type SendOptions, type WebhookRequest, type WebhookResponse } from '../send';
import { toCurl } from '../curl';
import { captureBody, type Capture } from './capture';

/** Pretty-prints JSON text by moving whitespace only: every literal stays exactly as received. */
export function prettyJsonText(text: string): string {
  const { applyEdits, format } = jsoncParser();
  const edits = format(text, undefined, { insertSpaces: true, tabSize: 2, eol: '\n', insertFinalNewline: true });
  return applyEdits(text, edits);
}

export interface Fixture {
  /** `<hook_type>.chat2desk.json`, `<Type>.iqchannels.json`, else `capture-<id>.json`. */
  fileName: string;
  text: string;
}

export function fixtureFromCapture(capture: Capture): Fixture {
  if (capture.truncated) throw new Error('This capture was stored truncated (its body was over the size limit), so it cannot become a fixture.');
  if (capture.bodyEncoding !== 'utf8') throw new Error("This capture's body is not text, so it cannot become a JSON fixture.");
  const { provider, event } = capture.payload;
  // The event is the sender's text: only name characters, and short enough for any file system (255 bytes).
  const safe = (s: string) => s.replace(/[^\w.-]+/g, '_').slice(0, MAX_EVENT_IN_NAME);
  const fileName = provider && event ? `${safe(event)}.${provider}.json` : `capture-${capture.id}.json`;
  let text = capture.body;
  try {
    JSON.parse(text);
    text = prettyJsonText(text);
  } catch {
    /* not JSON: kept as received */
  }
  return { fileName, text };
}

/** The longest part of a fixture's name taken from the event (a name has at most 255 bytes). */
export const MAX_EVENT_IN_NAME = 100;

/**
 * Saves a fixture in `dir` under its name, or `name-2.ext`, ...: each file is created exclusively, so
 * nothing is ever overwritten nor written through a link (a link in the folder, even one pointing nowhere,
 * could otherwise make a webhook from the network create a file anywhere). A link where the name
 * belongs is refused, saying so. Returns the path written.
 */
export function saveFixtureIn(dir: string, fixture: Fixture): string {
  const taken = new Set<string>();
  for (let tries = 0; tries < 1000; tries++) {
    const name = uniqueFileName(fixture.fileName, (n) => taken.has(n));
    const path = join(dir, name);
    try {
      writeFileSync(path, fixture.text, { flag: 'wx' });
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lstatSync(path).isSymbolicLink())
        throw new Error(t('{0} is a symbolic link: not written through it (it could point anywhere). Remove the link, or save elsewhere.', path), {
          cause: error,
        });
      taken.add(name);
    }
  }
  throw new Error(t('{0} and 999 numbered copies exist already in {1}.', fixture.fileName, dir));
}

/** `name.ext`, `name-2.ext`, ...: the first that `exists` does not report. */
export function uniqueFileName(fileName: string, exists: (name: string) => boolean): string {
  if (!exists(fileName)) return fileName;
  const dot = fileName.indexOf('.');
  const [stem, ext] = dot === -1 ? [fileName, ''] : [fileName.slice(0, dot), fileName.slice(dot)];
  for (let n = 2; ; n++) if (!exists(`${stem}-${n}${ext}`)) return `${stem}-${n}${ext}`;
}

/** Headers a replay sets itself or must not repeat. */
const NOT_REPLAYED = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'te', 'trailer', 'upgrade']);

export type ReplayMode = { kind: 'original' } | { kind: 'resigned'; apiToken: string; now?: () => number };

/**
 * The request that replays a capture to `url`: the original bytes and headers, either with the
 * original X-Signature / X-Timestamp (a true replay) or re-signed with a fresh timestamp.
 */
export function replayRequest(capture: Capture, url: string, mode: ReplayMode): WebhookRequest & { method: 'POST' } {
  if (capture.truncated) throw new Error('This capture was stored truncated, so its original bytes cannot be replayed.');
  const target = parseEndpointUrl(url).toString();
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(capture.headers)) if (!NOT_REPLAYED.has(name.toLowerCase())) headers[name] = value;
  // The raw bytes (not text): even a body that is not UTF-8 goes out, and is re-signed, as received.
  const request = { url: target, method: 'POST' as const, headers, body: captureBody(capture) };
  return mode.kind === 'resigned' ? signRequest(request, { apiToken: mode.apiToken, now: mode.now }) : request;
}

/** Sends a replay: its bytes as they are; a redirect is an answer to show, not an error. */
export function sendReplay(request: WebhookRequest, options: SendOptions = {}): Promise<WebhookResponse> {
  return httpRequest({ url: request.url, method: 'POST', headers: request.headers, body: request.body, newConnection: true }, options);
}

/** The capture as it arrived, as a cURL command aimed at `url` (default: where it arrived). */
export function captureAsCurl(capture: Capture, url: string): string {
  return toCurl(replayRequest(capture, url, { kind: 'original' }));
}
