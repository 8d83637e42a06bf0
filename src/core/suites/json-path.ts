// The JSON paths suites use (patch keys, body expectations, probes): `$`, `.name`, `['any name']`, `[0]`.
// Deliberately small: no wildcards or filters, so a path names exactly one place.

export type PathSegment = string | number;

/** The segments of a path, or an explanation of what is wrong with it. */
export function parseJsonPath(text: string): PathSegment[] | { problem: string } {
  if (!text.startsWith('$')) return { problem: 'a JSON path starts with "$" (e.g. "$.message.text")' };
  const segments: PathSegment[] = [];
  let i = 1;
  while (i < text.length) {
    const rest = text.slice(i);
    const name = /^\.([A-Za-z_$][\w$-]*)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[(['"])((?:\\.|(?!\1).)*)\1\]/.exec(rest);
    if (name) segments.push(name[1]);
    else if (index) segments.push(Number(index[1]));
    else if (quoted) segments.push(quoted[2].replace(/\\(.)/g, '$1'));
    else return { problem: `unexpected "${rest.slice(0, 12)}" at character ${i + 1} (use .name, ['name'] or [index])` };
    i += (name ?? index ?? quoted)![0].length;
  }
  return segments;
}

/** The value at a path, or `found: false`. */
export function valueAtPath(root: unknown, path: readonly PathSegment[]): { found: boolean; value?: unknown } {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(current) || segment >= current.length) return { found: false };
      current = current[segment];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current) || !Object.hasOwn(current, segment)) return { found: false };
      current = (current as Record<string, unknown>)[segment];
    }
  }
  return { found: true, value: current };
}
