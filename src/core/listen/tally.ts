// How a listening session went, as the CLI's summary and exit code report it: captures received, those
// not signed as documented, the handler's answers by class, fixtures that could not be saved.
import { t } from '../l10n';
import { signedAsDocumented, type Capture, type ForwardResult } from './capture';

export type ForwardClass = '2xx' | '3xx' | '4xx' | '5xx' | 'failed';
const CLASSES: ForwardClass[] = ['2xx', '3xx', '4xx', '5xx', 'failed'];

/** The class of the handler's answer; `failed` when there was none (unreachable, too slow, cancelled, not forwardable). */
export function forwardClass(forward: ForwardResult): ForwardClass {
  const status = forward.response?.status;
  if (status === undefined) return 'failed';
  return status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : status >= 200 ? '2xx' : 'failed';
}

export class Tally {
  received = 0;
  notSigned = 0;
  notSaved = 0;
  readonly forwards: Record<ForwardClass, number> = { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0, failed: 0 };

  count(capture: Capture, saved?: { error?: string }): void {
    this.received++;
    if (!signedAsDocumented(capture)) this.notSigned++;
    if (capture.forward) this.forwards[forwardClass(capture.forward)]++;
    if (saved?.error) this.notSaved++;
  }

  /** A signature not valid, a forward the handler did not accept (non-2xx or no answer), a fixture not saved. */
  failed(): boolean {
    return this.notSigned > 0 || this.notSaved > 0 || CLASSES.some((c) => c !== '2xx' && this.forwards[c] > 0);
  }

  /** "Stopped. 3 request(s) received, 1 not validly signed; forwarded: 2 answered 2xx, 1 answered 4xx." */
  summary(turnedAway: number): string {
    const parts = [t('Stopped. {0} request(s) received', this.received)];
    if (this.notSigned) parts.push(`, ${t('{0} not validly signed', this.notSigned)}`);
    const forwarded = CLASSES.filter((c) => this.forwards[c] > 0).map((c) =>
      c === 'failed' ? t('{0} not answered (unreachable, too slow or cancelled)', this.forwards[c]) : t('{0} answered {1}', this.forwards[c], c),
    );
    if (forwarded.length) parts.push(`; ${t('forwarded: {0}', forwarded.join(', '))}`);
    if (this.notSaved) parts.push(`; ${t('{0} not saved', this.notSaved)}`);
    if (turnedAway) parts.push(`; ${t('{0} turned away (too many at once)', turnedAway)}`);
    return `${parts.join('')}.`;
  }

  /** The --json summary line's object. */
  json(turnedAway: number): Record<string, unknown> {
    return {
      received: this.received,
      not_validly_signed: this.notSigned,
      forwarded: { ...this.forwards },
      not_saved: this.notSaved,
      turned_away: turnedAway,
      ok: !this.failed(),
    };
  }
}
