// Expected answer statuses, one matcher for every way of sending: a suite step's `expect.status`
// (`200`, `[200, 202]`, `"2xx"`) and `send --expect-status` (`401`, `4xx`, `401,403`).
import { WebhookStudioError } from './errors';
import { t } from './l10n';

/** An exact status, a list of them, or a class. */
export type StatusSpec = number | number[] | '2xx' | '3xx' | '4xx' | '5xx';

const CLASSES = ['2xx', '3xx', '4xx', '5xx'] as const;
const isCode = (v: unknown) => Number.isInteger(v) && (v as number) >= 100 && (v as number) <= 599;

export function isStatusSpec(value: unknown): value is StatusSpec {
  return isCode(value) || (CLASSES as readonly unknown[]).includes(value) || (Array.isArray(value) && value.length > 0 && value.every(isCode));
}

export class InvalidStatusSpecError extends WebhookStudioError {
  readonly code = 'invalid-expect-status';
  constructor(spec: string) {
    super(
      t('"{0}" is not an expected status: use a status code (401), a class (2xx, 4xx) or a comma-separated list of codes (401,403).', spec),
      t('Status codes run from 100 to 599; classes from 2xx to 5xx.'),
    );
  }
}

/** The written form (`401`, `4xx`, `401,403`) as a spec; throws InvalidStatusSpecError otherwise. */
export function parseStatusSpec(text: string): StatusSpec {
  const spec = text.trim().toLowerCase();
  if ((CLASSES as readonly string[]).includes(spec)) return spec as StatusSpec;
  const codes = spec.split(',').map((part) => (/^\d{3}$/.test(part.trim()) ? Number(part.trim()) : NaN));
  if (!codes.every(isCode)) throw new InvalidStatusSpecError(text);
  return codes.length === 1 ? codes[0] : codes;
}

export function statusMatches(spec: StatusSpec, status: number): boolean {
  if (typeof spec === 'number') return status === spec;
  if (Array.isArray(spec)) return spec.includes(status);
  return Math.floor(status / 100) === Number(spec[0]);
}

export function describeStatusSpec(spec: StatusSpec): string {
  return Array.isArray(spec) ? spec.join(' or ') : String(spec);
}
