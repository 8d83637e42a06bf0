// "Deliver as Chat2Desk…": fixtures (editor, or an explorer multi-selection as a sequence) delivered
// with Chat2Desk's retry policy, a time scale and fault modes; live in the Delivery Timeline view.
import * as vscode from 'vscode';
import type { DeliveryOrder, DuplicateMode } from '../../core/delivery/arrange';
import type { DeliveryProgress, DeliveryTimeline, RetryTimestamp } from '../../core/delivery/engine';
import {
  describePolicy,
  formatClock,
  formatDuration,
  formatTimeScale,
  parseInterval,
  parsePolicy,
  parseTimeScale,
  type DeliveryPolicy,
} from '../../core/delivery/policy';
import { deliveryEventsOf, planDeliveryItems } from '../../core/delivery/prepare';
import { deliveryEngine } from '../../core/delivery/load-engine';
import { describeError } from '../../core/errors';
import { PROVIDER_NAMES } from '../../core/json';
import { redactUrl } from '../../core/redact';
import { bodyFormatSchema } from '../../core/settings';
import { requestTimeoutMs } from '../configuration';
import type { Accounts } from '../accounts';
import type { SchemaService } from '../schemas';
import { pickEndpoint, rememberUrl, type ChosenEndpoint } from '../send/endpoints';
import { collectPayloads } from '../send/send-commands';
import { repeatArgs, type DeliverCommandArgs } from './run-settings';
import type { DeliveryRun, TimelineNode } from './timeline-model';
import { DeliveryTimelineView } from './timeline-view';
import { COMMANDS, CONTEXT_KEYS, DEFAULTS, SETTINGS_SECTION, VIEWS, focusViewCommand } from '../ids';

export const DELIVER_COMMAND = COMMANDS.deliverAsChat2Desk;
const DELIVERING_CONTEXT = CONTEXT_KEYS.delivering;

interface Faults {
  duplicate?: DuplicateMode;
  order?: DeliveryOrder;
  retryTimestamp: RetryTimestamp;
  slowFirst?: boolean;
  /** Real ms between the events of a sequence. */
  intervalMs?: number;
}

/** What other features use of the Delivery Timeline view. */
export interface DeliveryTimelines {
  /** Adds a finished timeline (a suite step's, say) as a run in the view and reveals it. */
  show(target: string, timeline: DeliveryTimeline): Promise<void>;
}

export function registerDeliverFeature(
  context: vscode.ExtensionContext,
  accounts: Accounts,
  schemas: SchemaService,
  log: vscode.LogOutputChannel,
): DeliveryTimelines {
  const view = new DeliveryTimelineView();
  const tree = vscode.window.createTreeView(VIEWS.deliveries, { treeDataProvider: view, showCollapseAll: true });
  const running = new Set<AbortController>();
  let nextRunId = 1;

  const deliver = async (uri?: unknown, uris?: unknown, args: DeliverCommandArgs = {}): Promise<DeliveryTimeline | undefined> => {
    if (!args.payloads && !(uri instanceof vscode.Uri) && !vscode.window.activeTextEditor) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Open a payload fixture (.json) or select fixtures in the Explorer (several are delivered as a sequence), then run "Deliver as Chat2Desk…".',
        ),
      );
      return undefined;
    }
    const items = args.payloads ?? (await collectPayloads(uri, uris));
    if (!items?.length) return undefined;
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const bodyFormat = bodyFormatSchema.parse(config.get('bodyFormat'));
    const timeoutMs = requestTimeoutMs();
    const title =
      items.length > 1 ? vscode.l10n.t('Deliver {0} events as Chat2Desk', items.length) : vscode.l10n.t('Deliver {0} as Chat2Desk', items[0].source);

    // Nothing is asked about a payload that cannot be sent: each is parsed once, with its problems.
    const validate = config.get<boolean>('validateBeforeSend', DEFAULTS.validateBeforeSend);
    // IQChannels documents no signature: unsigned unless the setting asks, as with Send.
    const signIqChannels = config.get<boolean>('signIQChannelsPayloads', DEFAULTS.signIQChannelsPayloads);
    let plans;
    try {
      plans = planDeliveryItems(items, bodyFormat, { validator: validate ? schemas.payloadValidator : undefined, signIqChannels });
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return undefined;
    }
    const invalid = plans.filter((plan) => plan.provider && plan.problems.length > 0);
    if (invalid.length > 0) {
      const first = invalid[0];
      const answer = await vscode.window.showWarningMessage(
        invalid.length === 1
          ? vscode.l10n.t('{0} does not match the {1} schema.', first.source ?? '', PROVIDER_NAMES[first.provider!])
          : vscode.l10n.t('{0} payloads do not match the {1} schema.', invalid.length, PROVIDER_NAMES[first.provider!]),
        {
          modal: true,
          detail: vscode.l10n.t(
            'First, in {0} at {1} (line {2}): {3}',
            first.source ?? '',
            first.problems[0].path,
            first.problems[0].line,
            first.problems[0].message,
          ),
        },
        vscode.l10n.t('Deliver Anyway'),
      );
      if (answer !== vscode.l10n.t('Deliver Anyway')) return undefined;
    }

    const target: ChosenEndpoint | undefined = args.endpoint
      ? { ...args.endpoint, headers: args.endpoint.headers ?? {} }
      : args.url
        ? { url: args.url, headers: {} }
        : await pickEndpoint(context.workspaceState, log, title);
    if (!target) return undefined;
    let policy: DeliveryPolicy | undefined;
    let timeScale: number | undefined;
    try {
      policy = args.policy ? parsePolicy(args.policy, timeoutMs) : await pickPolicy(title, timeoutMs);
      if (!policy) return undefined;
      timeScale = args.timeScale ? parseTimeScale(args.timeScale) : await pickTimeScale(title, policy);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return undefined;
    }
    if (timeScale === undefined) return undefined;
    let faults: Faults | undefined;
    try {
      faults = args.policy
        ? {
            duplicate: args.duplicate,
            order: args.order,
            retryTimestamp: args.retryTimestamp ?? 'fresh',
            slowFirst: args.slowFirst,
            intervalMs: args.interval === undefined ? undefined : parseInterval(args.interval),
          }
        : await pickFaults(title, items.length);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return undefined;
    }
    if (!faults) return undefined;

    let apiToken: string | undefined;
    if (plans.some((plan) => plan.signs)) {
      const account = await accounts.pick(vscode.l10n.t('Sign with the API token of which account?'), target.account);
      if (!account) return undefined;
      apiToken = await accounts.getToken(account);
      if (!apiToken) {
        void vscode.window
          .showErrorMessage(
            vscode.l10n.t('No Chat2Desk API token is set for "{0}": it is needed to sign the webhooks.', account.name),
            vscode.l10n.t('Set API Token'),
          )
          .then((choice) => choice && vscode.commands.executeCommand(COMMANDS.setApiToken, { account: account.name }));
        return undefined;
      }
    }
    let events;
    try {
      events = deliveryEventsOf(plans, { url: target.url, bodyFormat, extraHeaders: target.headers });
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
      return undefined;
    }

    const controller = new AbortController();
    running.add(controller);
    void vscode.commands.executeCommand('setContext', DELIVERING_CONTEXT, true);
    const runId = nextRunId++;
    let run: DeliveryRun | undefined;
    // Where it goes, as shown (view, progress, log, the JSON users attach to bug reports): never a URL's password.
    const shownTarget = target.name ?? redactUrl(target.url);
    log.info(`Deliver as Chat2Desk to ${redactUrl(target.url)}: ${items.length} event(s), ${describePolicy(policy)}, ${formatTimeScale(timeScale)}`);
    try {
      const timeline = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Delivering as Chat2Desk to {0}', shownTarget),
          cancellable: true,
        },
        async (progress, cancellation) => {
          const listener = cancellation.onCancellationRequested(() => controller.abort());
          try {
            return await deliveryEngine().runDelivery({
              events,
              apiToken,
              policy: policy!,
              timeScale,
              retryTimestamp: faults.retryTimestamp,
              intervalMs: faults.intervalMs,
              faults: { duplicate: faults.duplicate, order: faults.order, seed: args.seed, slowFirst: faults.slowFirst },
              signal: controller.signal,
              onProgress: (p, t) => {
                if (!run) {
                  run = { id: runId, target: shownTarget, timeline: t };
                  view.addRun(run);
                  void vscode.commands.executeCommand(focusViewCommand(VIEWS.deliveries));
                }
                const message = progressMessage(p, t);
                if (message) progress.report({ message });
                if (p.type === 'attempt-finished')
                  log.info(
                    `${deliveryEngine().deliveryLabel(p.delivery)} attempt ${p.attempt.attempt} at ${formatClock(p.attempt.scheduleMs)}: ${p.attempt.result} ${p.attempt.status ?? p.attempt.error?.message ?? ''}`,
                  );
                view.refresh(p.type === 'finished');
              },
            });
          } finally {
            listener.dispose();
          }
        },
      );
      if (run)
        run.again = repeatArgs(
          timeline,
          items.map((item, i) => ({ source: item.source, text: item.text, provider: plans[i].provider })),
          target,
        );
      view.refresh(true);
      if (timeline.deliveries.some((d) => d.attempts.some((a) => a.status !== undefined))) await rememberUrl(context.workspaceState, target.url);
      const summary = deliveryEngine().summarizeTimeline(timeline);
      for (const line of summary) log.info(line);
      const showTimeline = vscode.l10n.t('Show Timeline');
      void (
        deliveryEngine().allDelivered(timeline)
          ? vscode.window.showInformationMessage(summary[0], showTimeline)
          : vscode.window.showWarningMessage(summary[0], showTimeline)
      ).then((choice) => choice && vscode.commands.executeCommand(focusViewCommand(VIEWS.deliveries)));
      return timeline;
    } finally {
      running.delete(controller);
      void vscode.commands.executeCommand('setContext', DELIVERING_CONTEXT, running.size > 0);
    }
  };

  context.subscriptions.push(
    view,
    tree,
    vscode.commands.registerCommand(DELIVER_COMMAND, deliver),
    vscode.commands.registerCommand(COMMANDS.cancelDelivery, () => {
      for (const controller of running) controller.abort();
    }),
    vscode.commands.registerCommand(COMMANDS.clearDeliveries, () => view.clear()),
    vscode.commands.registerCommand(COMMANDS.openDeliveryJson, async (node?: TimelineNode) => {
      const run = node?.run ?? view.runs[0];
      if (!run) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No delivery run yet.'));
        return undefined;
      }
      // Untitled, so it can be saved beside the fixtures or attached to a bug report.
      return vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument({ language: 'json', content: deliveryEngine().timelineJson(run.timeline) }),
        { preview: true },
      );
    }),
    // From a run's inline action, or (no argument) the latest finished run.
    vscode.commands.registerCommand(COMMANDS.runDeliveryAgain, (node?: TimelineNode) => {
      const again = node?.run.again ?? view.runs.find((r) => r.again)?.again;
      if (!again) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No finished delivery run to repeat yet.'));
        return undefined;
      }
      return deliver(undefined, undefined, again);
    }),
  );
  return {
    show: async (target, timeline) => {
      view.addRun({ id: nextRunId++, target, timeline });
      await vscode.commands.executeCommand(focusViewCommand(VIEWS.deliveries));
    },
  };
}

function progressMessage(progress: DeliveryProgress, timeline: DeliveryTimeline): string | undefined {
  const total = timeline.policy.retryDelaysMs.length + 1;
  const settled = timeline.deliveries.filter((d) => d.outcome.kind !== 'pending').length;
  const counts = vscode.l10n.t('{0}/{1} settled', settled, timeline.deliveries.length);
  if (progress.type === 'attempt-started')
    return `${counts}. ${vscode.l10n.t('{0}: attempt {1} of {2}…', deliveryEngine().deliveryLabel(progress.delivery), progress.attempt.attempt, total)}`;
  if (progress.type === 'waiting') {
    return `${counts}. ${vscode.l10n.t('Next: {0} attempt {1} at {2} (in {3} real time)', deliveryEngine().deliveryLabel(progress.next.delivery), progress.next.attempt, formatClock(progress.untilMs), formatDuration(progress.realWaitMs))}`;
  }
  if (progress.type === 'late-answers')
    return `${counts}. ${vscode.l10n.t('Waiting up to {0} for {1} late answer(s)…', formatDuration(progress.upToMs), progress.pending)}`;
  if (progress.type === 'finished') return counts;
  return undefined;
}

async function pickPolicy(title: string, timeoutMs: number): Promise<DeliveryPolicy | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: 'Chat2Desk',
        description: vscode.l10n.t('resend after 10 s, 5 min, 2 h; disabled after 5 h without success'),
        detail: vscode.l10n.t('As documented in the Chat2Desk API (Webhooks)'),
        spec: 'chat2desk',
      },
      { label: vscode.l10n.t('Immediate'), description: vscode.l10n.t('the three resends back to back'), spec: 'immediate' },
      { label: vscode.l10n.t('Once'), description: vscode.l10n.t('no resend: the first answer must be a 2xx'), spec: 'once' },
      { label: vscode.l10n.t('Custom…'), description: vscode.l10n.t('your own resend waits, in seconds'), spec: 'custom' },
    ],
    {
      title: vscode.l10n.t('{0}: policy', title),
      placeHolder: vscode.l10n.t('Which retry policy? (an answer counts when it is a 2xx within {0})', formatDuration(timeoutMs)),
    },
  );
  if (!picked) return undefined;
  if (picked.spec !== 'custom') return parsePolicy(picked.spec, timeoutMs);
  const waits = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0}: resend waits', title),
    prompt: vscode.l10n.t('Seconds to wait before each resend, separated by commas'),
    value: '10,300,7200',
    validateInput: problemOf((value) => parsePolicy(`custom:${value}`)),
  });
  return waits === undefined ? undefined : parsePolicy(`custom:${waits}`, timeoutMs);
}

async function pickTimeScale(title: string, policy: DeliveryPolicy): Promise<number | undefined> {
  const total = policy.retryDelaysMs.reduce((a, b) => a + b, 0);
  const worst = (scale: number) =>
    total === 0 ? vscode.l10n.t('no waits in this policy') : vscode.l10n.t('all resends within {0}', formatDuration(total / scale));
  const picked = await vscode.window.showQuickPick(
    [
      { label: '×120', description: vscode.l10n.t('two minutes per second: 10 s → 0.08 s, 5 min → 2.5 s, 2 h → 1 min'), detail: worst(120), scale: 120 },
      { label: '×60', description: vscode.l10n.t('a minute per second: 10 s → 0.17 s, 5 min → 5 s, 2 h → 2 min'), detail: worst(60), scale: 60 },
      { label: '×600', description: vscode.l10n.t('2 h → 12 s'), detail: worst(600), scale: 600 },
      { label: '×∞', description: vscode.l10n.t('back to back, no waiting'), scale: Infinity },
      { label: vscode.l10n.t('Real time'), description: vscode.l10n.t('exactly as Chat2Desk waits'), detail: worst(1), scale: 1 },
    ],
    {
      title: vscode.l10n.t('{0}: time scale', title),
      placeHolder: vscode.l10n.t('How fast should the waits between attempts pass? (answers are never sped up)'),
    },
  );
  return picked?.scale;
}

async function pickFaults(title: string, count: number): Promise<Faults | undefined> {
  type Item = vscode.QuickPickItem & { id: 'dup-seq' | 'dup-con' | 'reverse' | 'shuffle' | 'original' | 'slow-first' | 'interval' };
  const items: Item[] = [
    { label: vscode.l10n.t('Duplicate'), description: vscode.l10n.t('deliver each event twice, the copy after the original'), id: 'dup-seq' },
    { label: vscode.l10n.t('Duplicate, concurrent'), description: vscode.l10n.t('both copies at the same time'), id: 'dup-con' },
    ...(count > 1
      ? [
          { label: vscode.l10n.t('Reverse order'), description: vscode.l10n.t('the sequence last to first'), id: 'reverse' as const },
          { label: vscode.l10n.t('Shuffled order'), description: vscode.l10n.t('a random order (its seed is recorded)'), id: 'shuffle' as const },
          {
            label: vscode.l10n.t('Pause between events…'),
            description: vscode.l10n.t('real time between one event and the next, for a handler that works in the background'),
            id: 'interval' as const,
          },
        ]
      : []),
    {
      label: vscode.l10n.t('Slow first answer'),
      description: vscode.l10n.t('count each first answer as too slow, so every event is resent'),
      detail: vscode.l10n.t('As Chat2Desk does when your handler is slow the first time: your handler gets the event again.'),
      id: 'slow-first',
    },
    {
      label: vscode.l10n.t('Original timestamp on resends'),
      description: vscode.l10n.t('keep the first X-Timestamp (aged): does your tolerance reject it?'),
      detail: vscode.l10n.t('Default: each resend is re-signed with a fresh timestamp. The doc does not say which Chat2Desk does.'),
      id: 'original',
    },
  ];
  // One duplicate mode and one order at most: checking one unchecks its alternative.
  const exclusive: Record<Item['id'], Item['id'] | undefined> = {
    'dup-seq': 'dup-con',
    'dup-con': 'dup-seq',
    reverse: 'shuffle',
    shuffle: 'reverse',
    original: undefined,
    'slow-first': undefined,
    interval: undefined,
  };
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = vscode.l10n.t('{0}: fault modes', title);
  quickPick.placeholder = vscode.l10n.t('Check any faults to rehearse, or press Enter for none');
  quickPick.canSelectMany = true;
  quickPick.items = items;
  let previous: readonly Item[] = [];
  const selected = await new Promise<readonly Item[] | undefined>((resolve) => {
    quickPick.onDidChangeSelection((selection) => {
      const added = selection.find((item) => !previous.includes(item));
      const conflicting = added && exclusive[added.id];
      previous = conflicting ? selection.filter((item) => item.id !== conflicting) : selection;
      if (previous.length !== selection.length) quickPick.selectedItems = previous;
    });
    quickPick.onDidAccept(() => {
      resolve(quickPick.selectedItems);
      quickPick.hide();
    });
    quickPick.onDidHide(() => resolve(undefined));
    quickPick.show();
  });
  quickPick.dispose();
  if (!selected) return undefined;
  const has = (id: Item['id']) => selected.some((item) => item.id === id);
  const intervalMs = has('interval') ? await pickInterval(title) : undefined;
  if (intervalMs === null) return undefined;
  return {
    intervalMs: intervalMs ?? undefined,
    duplicate: has('dup-con') ? 'concurrent' : has('dup-seq') ? 'sequential' : undefined,
    order: has('shuffle') ? 'shuffle' : has('reverse') ? 'reverse' : undefined,
    retryTimestamp: has('original') ? 'original' : 'fresh',
    slowFirst: has('slow-first') || undefined,
  };
}

/** Real-time seconds between the events of a sequence; null when the question is dismissed. */
async function pickInterval(title: string): Promise<number | null> {
  const seconds = await vscode.window.showInputBox({
    title: vscode.l10n.t('{0}: pause between events', title),
    prompt: vscode.l10n.t('Seconds between one event being answered and the next being sent (real time, not compressed)'),
    value: '2',
    validateInput: problemOf(parseInterval),
  });
  return seconds === undefined ? null : parseInterval(seconds);
}

/** An input box's check from a parser: its error message, or nothing when the value parses. */
function problemOf(parse: (value: string) => unknown): (value: string) => string | undefined {
  return (value) => {
    try {
      parse(value);
      return undefined;
    } catch (error) {
      return describeError(error);
    }
  };
}
