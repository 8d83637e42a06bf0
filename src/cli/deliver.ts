// webhook-studio deliver: runs fixtures through Chat2Desk's documented delivery behaviour (resends after
// 10 s, 5 min, 2 h; disabled after 5 h without success) against a handler, compressed in time.
import { parseArgs } from 'node:util';
import {
  bodyFormat,
  EXIT,
  headers,
  helpEntry,
  optionsSection,
  readBytes,
  readToken,
  reportFailure,
  schemaMismatchText,
  timeoutMs as parseTimeoutMs,
  UsageError,
  wholeNumber,
  type CliCommand,
  type CliIo,
} from './common';
import { DELIVERY_ORDERS, type DeliveryOrder } from '../core/delivery/arrange';
import type { DeliveryProgress, DeliveryTimeline, RetryTimestamp } from '../core/delivery/engine';
import { deliveryEngine } from '../core/delivery/load-engine';
import {
  DEFAULT_TIME_SCALE,
  formatClock,
  formatDuration,
  formatTimeScale,
  parseInterval,
  parsePolicy,
  parseTimeScale,
  PolicyError,
} from '../core/delivery/policy';
import { deliveryEventsOf, planDeliveryItems } from '../core/delivery/prepare';
import { WebhookStudioError } from '../core/errors';
import { t as translate } from '../core/l10n';
import { redactUrl } from '../core/redact';
import { PayloadValidator } from '../core/validate';

const deliverOptionsHelp = (): string =>
  optionsSection(
    translate('Deliver options:'),
    [
      ['--policy chat2desk|immediate|once|custom:10,300,7200', translate('resend waits (default chat2desk: after 10 s, 5 min, 2 h; disabled after 5 h)')],
      [
        '--time-scale N|inf',
        translate(
          'compress the waits: 120 = two minutes per second (default: every resend within 63 s), 60 = a minute per second, 1 = real time, inf = back to back',
        ),
      ],
      [
        '--retry-timestamp fresh|original',
        translate(
          "re-sign each resend with its own time (default), or keep the first X-Timestamp (aged as it would be at Chat2Desk's pace: tests your handler's tolerance)",
        ),
      ],
      ['--duplicate', translate('deliver each event twice; with --concurrent both copies at once')],
      ['--slow-first', translate('count every first answer as too slow, so each event is resent (as Chat2Desk does when a handler is slow the first time)')],
      ['--order as-given|reverse|shuffle', translate('order of several files (shuffle: reproducible with --seed N)')],
      [
        '--interval SECONDS',
        translate(
          "wait this long (real time, never compressed) between one event's first answer and the next event, for a handler that works in the background",
        ),
      ],
      ['--timeout SECONDS', translate('an answer slower than this fails and is resent (default 10)')],
    ],
    [translate('Exit codes for deliver: 0 every event accepted within the policy; 1 otherwise; 2 usage or input error.')],
  );

function progressLine(progress: DeliveryProgress, timeline: DeliveryTimeline): string | undefined {
  const clock = (ms: number) => `[${formatClock(ms)}] `;
  const indent = ' '.repeat(15);
  if (progress.type === 'attempt-finished') {
    const { delivery, attempt } = progress;
    const name = deliveryEngine().deliveryLabel(delivery);
    const age = attempt.timestampAgeSeconds ? translate(' ({0} old)', formatDuration(attempt.timestampAgeSeconds * 1000)) : '';
    const stamp = attempt.timestamp ? `${translate(', X-Timestamp {0}', attempt.timestamp)}${age}` : translate(', unsigned');
    const answer = deliveryEngine().answerExcerpt(attempt);
    const what = translate('{0} attempt {1}: {2}', name, attempt.attempt, deliveryEngine().describeAttempt(attempt));
    return `${clock(attempt.scheduleMs)}${what}${stamp}${answer ? translate('; answer: {0}', answer) : ''}`;
  }
  if (progress.type === 'late-answer') {
    const { delivery, attempt } = progress;
    const late = formatDuration(attempt.lateAnswer?.latencyMs ?? 0);
    const name = deliveryEngine().deliveryLabel(delivery);
    return `${indent}${translate('{0} attempt {1}: late answer {2} after {3} (did not count)', name, attempt.attempt, attempt.lateAnswer?.status ?? '', late)}`;
  }
  if (progress.type === 'late-answers')
    return `${indent}${translate('waiting up to {0} for {1} late answer(s)', formatDuration(progress.upToMs), progress.pending)}`;
  if (progress.type === 'waiting' && progress.realWaitMs >= 1000) {
    const real = formatDuration(progress.realWaitMs);
    return `${indent}${translate('waiting until {0} ({1} real time at {2})', formatClock(progress.untilMs), real, formatTimeScale(timeline.timeScale))}`;
  }
  return undefined;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: 'string' },
      policy: { type: 'string' },
      'time-scale': { type: 'string' },
      'retry-timestamp': { type: 'string' },
      duplicate: { type: 'boolean' },
      concurrent: { type: 'boolean' },
      'slow-first': { type: 'boolean' },
      order: { type: 'string' },
      seed: { type: 'string' },
      interval: { type: 'string' },
      timeout: { type: 'string' },
      'token-env': { type: 'string' },
      'token-stdin': { type: 'boolean' },
      format: { type: 'string' },
      header: { type: 'string', multiple: true },
      'no-validate': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

type DeliverValues = ReturnType<typeof parse>['values'];

/** The run's settings from its options, every one checked before anything is read or sent. */
function runSettings(values: DeliverValues, files: string[]) {
  if (files.length === 0) throw new UsageError(translate('deliver takes one or more files'));
  if (!values.url) throw new UsageError(translate('deliver needs --url'));
  const format = bodyFormat(values);
  const timeoutMs = parseTimeoutMs(values);
  const policy = parsePolicy(values.policy ?? 'chat2desk', timeoutMs);
  const timeScale = parseTimeScale(values['time-scale'] ?? String(DEFAULT_TIME_SCALE));
  const retryTimestamp = values['retry-timestamp'] ?? 'fresh';
  if (retryTimestamp !== 'fresh' && retryTimestamp !== 'original')
    throw new UsageError(translate('--retry-timestamp must be fresh or original, got "{0}"', retryTimestamp));
  const order = values.order ?? 'as-given';
  if (!DELIVERY_ORDERS.includes(order as DeliveryOrder)) throw new UsageError(translate('--order must be {0}; got "{1}"', DELIVERY_ORDERS.join(', '), order));
  if (values.concurrent && !values.duplicate) throw new UsageError(translate('--concurrent goes with --duplicate'));
  if (values.seed !== undefined && order !== 'shuffle') throw new UsageError(translate('--seed goes with --order shuffle'));
  const intervalMs = values.interval === undefined ? undefined : parseInterval(values.interval);
  const faults = {
    order: order as DeliveryOrder,
    seed: wholeNumber(values, 'seed', false, ''),
    slowFirst: Boolean(values['slow-first']),
    duplicate: values.duplicate ? (values.concurrent ? ('concurrent' as const) : ('sequential' as const)) : undefined,
  };
  return { url: values.url, format, policy, timeScale, retryTimestamp: retryTimestamp as RetryTimestamp, intervalMs, faults };
}

/** Plans the files, refuses a schema mismatch (exit 1, as send and validate do), gets the token, runs the delivery. */
async function deliver(values: DeliverValues, files: string[], io: CliIo, secrets: string[]): Promise<number> {
  const json = Boolean(values.json);
  const { url, format, ...settings } = runSettings(values, files);
  const validator = values['no-validate'] ? undefined : new PayloadValidator();
  const sources = files.map((file, index) => ({ source: file, bytes: readBytes(file, index + 1), path: file }));
  const plans = planDeliveryItems(sources, format, { validator });
  if (plans.some((p) => p.problems.length > 0)) {
    const text = schemaMismatchText(plans, (source) => translate('{0} does not match its schema (use --no-validate to deliver anyway):', source));
    reportFailure(io, json, new Error(text), { code: 'schema-mismatch' });
    return EXIT.failed;
  }
  // IQChannels documents no signature: a batch of IQChannels payloads needs no token.
  const apiToken = plans.some((p) => p.signs) ? await readToken(values, io, secrets) : undefined;
  const events = deliveryEventsOf(plans, { url, bodyFormat: format, extraHeaders: headers(values) });
  // Ctrl-C from here on stops the run and prints what happened so far.
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  let header = false;
  const timeline = await deliveryEngine()
    .runDelivery({
      events,
      apiToken,
      ...settings,
      signal: controller.signal,
      onProgress: (progress, t) => {
        if (json) return;
        if (!header) {
          header = true;
          const run = deliveryEngine().describeRun(t);
          const target = redactUrl(url);
          io.stdout(
            `${events.length === 1 ? translate('Delivering 1 event to {0}: {1}', target, run) : translate('Delivering {0} events to {1}: {2}', events.length, target, run)}\n`,
          );
        }
        const line = progressLine(progress, t);
        if (line) io.stdout(`${line}\n`);
      },
    })
    .finally(() => process.removeListener('SIGINT', interrupt));
  io.stdout(json ? `${deliveryEngine().timelineJson(timeline)}\n` : `\n${deliveryEngine().summarizeTimeline(timeline).join('\n')}\n`);
  return deliveryEngine().allDelivered(timeline) ? EXIT.ok : EXIT.failed;
}

export async function runDeliver(args: string[], io: CliIo, secrets: string[] = []): Promise<number> {
  // --json: every outcome is one JSON document on stdout, errors included (even a bad option).
  const json = args.includes('--json');
  let parsed;
  try {
    parsed = parse(args);
  } catch (error) {
    reportFailure(io, json, error, { code: 'usage', hint: translate('Run "webhook-studio deliver --help" for usage.') });
    return EXIT.usage;
  }
  const { values, positionals: files } = parsed;
  if (values.help) {
    io.stdout(`${translate('Usage:')}\n${helpEntry(deliverCommand.usage, deliverCommand.summary())}${deliverOptionsHelp()}`);
    return EXIT.ok;
  }
  try {
    return await deliver(values, files, io, secrets);
  } catch (error) {
    if (error instanceof UsageError || error instanceof PolicyError || error instanceof WebhookStudioError) {
      reportFailure(io, json, error);
      return EXIT.usage;
    }
    throw error;
  }
}

export const deliverCommand: CliCommand = {
  name: 'deliver',
  usage: 'deliver <file...> --url URL [options]',
  summary: () => translate('deliver as Chat2Desk does: resends, timing, faults'),
  options: deliverOptionsHelp,
  run: (args, { io, secrets }) => runDeliver(args, io, secrets),
};
