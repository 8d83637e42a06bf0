// Where the user sent last: recent URLs (newest first) and the last target per file, kept in
// workspace state. Pure: the glue in features/send/endpoints.ts reads and writes the memento.
import { describeError } from './errors';
import { redactUrl } from './redact';
import { parseEndpointUrl } from './send';

export interface EndpointMemory {
  /** URLs, newest first, typed or picked, whether or not the send went through. */
  recent: string[];
  /** Per file (workspace-relative path): the URL it was last sent to. */
  lastByFile: Record<string, string>;
}

export const RECENT_LIMIT = 10;
export const FILE_LIMIT = 200;

export const emptyMemory = (): EndpointMemory => ({ recent: [], lastByFile: {} });

/** Reads what the memento holds, tolerating anything (older versions stored only the URL list). */
export function readMemory(recent: unknown, lastByFile: unknown): EndpointMemory {
  return {
    recent: Array.isArray(recent) ? recent.filter((u): u is string => typeof u === 'string') : [],
    lastByFile:
      typeof lastByFile === 'object' && lastByFile !== null && !Array.isArray(lastByFile)
        ? (Object.fromEntries(Object.entries(lastByFile).filter(([, u]) => typeof u === 'string')) as Record<string, string>)
        : {},
  };
}

/**
 * The memory after sending `file` to `url`. A URL with a password in it is never kept: workspace
 * state is plain text. The per-file map keeps the most recent FILE_LIMIT files.
 */
export function rememberTarget(memory: EndpointMemory, url: string, file?: string): EndpointMemory {
  if (redactUrl(url) !== url) return memory;
  const recent = [url, ...memory.recent.filter((u) => u !== url)].slice(0, RECENT_LIMIT);
  if (file === undefined) return { recent, lastByFile: memory.lastByFile };
  const others = Object.entries(memory.lastByFile).filter(([f]) => f !== file);
  return { recent, lastByFile: Object.fromEntries([...others.slice(-(FILE_LIMIT - 1)), [file, url]]) };
}

/** The URL `file` was last sent to, if any. */
export function lastTargetOf(memory: EndpointMemory, file: string | undefined): string | undefined {
  return file === undefined ? undefined : memory.lastByFile[file];
}

/**
 * The order the picker offers targets in: the file's last target first (the default: Enter sends
 * there), then the rest as they were. `urlOf` reads the URL of an item.
 */
export function withLastFirst<T>(items: readonly T[], urlOf: (item: T) => string | undefined, last: string | undefined): T[] {
  if (last === undefined) return [...items];
  const index = items.findIndex((item) => urlOf(item) === last);
  if (index <= 0) return [...items];
  return [items[index], ...items.slice(0, index), ...items.slice(index + 1)];
}

/**
 * What text typed into the endpoint picker's filter is: nothing while it does not look like a URL yet
 * (it filters the list), else the URL to send to, or why it is not one (shown, not accepted).
 */
export function typedEndpointUrl(value: string): { url: string } | { problem: string } | undefined {
  const text = value.trim();
  if (!/:\/\//.test(text) && !/^[\w.-]+:\d+/.test(text)) return undefined;
  try {
    parseEndpointUrl(text);
    return { url: text };
  } catch (error) {
    return { problem: describeError(error) };
  }
}
