// The questions of "Deliver as Chat2Desk…" after the endpoint: retry policy, time scale, fault modes
// (each skipped when the command's arguments say it: tasks, Run Again, a resumed run).
import * as vscode from 'vscode';
import { formatDuration, parseInterval, parsePolicy, parseTimeScale, type DeliveryPolicy } from '../../core/delivery/policy';
import { describeError } from '../../core/errors';
import type { DeliverCommandArgs, Faults, RunSettings } from './run-settings';

type FaultId = 'dup-seq' | 'dup-con' | 'reverse' | 'shuffle' | 'original' | 'slow-first' | 'interval';
type Item = vscode.QuickPickItem & { id: FaultId };

/** Policy, time scale and faults: from the arguments where given, else asked; undefined when cancelled (or wrong, said so). */
export async function chooseRunSettings(title: string, args: DeliverCommandArgs, count: number, timeoutMs: number): Promise<RunSettings | undefined> {
  try {
    const policy = args.policy ? parsePolicy(args.policy, timeoutMs) : await pickPolicy(title, timeoutMs);
    if (!policy) return undefined;
    const timeScale = args.timeScale ? parseTimeScale(args.timeScale) : await pickTimeScale(title, policy);
    if (timeScale === undefined) return undefined;
    const faults: Faults | undefined = args.policy
      ? {
          duplicate: args.duplicate,
          order: args.order,
          retryTimestamp: args.retryTimestamp ?? 'fresh',
          slowFirst: args.slowFirst,
          intervalMs: args.interval === undefined ? undefined : parseInterval(args.interval),
        }
      : await pickFaults(title, count);
    return faults && { policy, timeScale, seed: args.seed, ...faults };
  } catch (error) {
    void vscode.window.showErrorMessage(describeError(error));
    return undefined;
  }
}

function faultItems(count: number): Item[] {
  return [
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
  const items = faultItems(count);
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
