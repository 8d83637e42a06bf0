// Status expectations (`200`, `[200, 202]`, `"2xx"`, `"4xx"`). Small on purpose: the CLI engineer is adding a
// shared core module for the same; this one goes when that lands.
import type { StatusSpec } from './types';

const CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;

export function isStatusSpec(value: unknown): value is StatusSpec {
  const code = (v: unknown) => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599;
  return code(value) || (CLASSES as readonly unknown[]).includes(value) || (Array.isArray(value) && value.length > 0 && value.every(code));
}

export function statusMatches(spec: StatusSpec, status: number): boolean {
  if (typeof spec === 'number') return status === spec;
  if (Array.isArray(spec)) return spec.includes(status);
  return Math.floor(status / 100) === Number(spec[0]);
}

export function describeStatusSpec(spec: StatusSpec): string {
  return Array.isArray(spec) ? spec.join(' or ') : String(spec);
}
