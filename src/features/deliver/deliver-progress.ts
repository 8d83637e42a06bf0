// One delivery run under a cancellable progress notification: the engine's progress becomes the
// notification's message, the log's attempt lines, and the run in the Delivery Timeline view.
import * as vscode from 'vscode';
import type { DeliveryEvent, DeliveryProgress, DeliveryTimeline } from '../../core/delivery/engine';
import { formatClock, formatDuration } from '../../core/delivery/policy';
import { deliveryEngine } from '../../core/delivery/load-engine';
import type { RunSettings } from './run-settings';
import type { DeliveryRun } from './timeline-model';
import type { DeliveryTimelineView } from './timeline-view';
import { VIEWS, focusViewCommand } from '../ids';

export interface ProgressRun {
  id: number;
  /** The endpoint as shown: its name, or its URL without a password. */
  shownTarget: string;
  choices: RunSettings;
  events: DeliveryEvent[];
  apiToken: string | undefined;
  controller: AbortController;
  view: DeliveryTimelineView;
  log: vscode.LogOutputChannel;
}

/** The finished timeline, and the run the view shows (once the engine reported anything). */
export async function runWithProgress(options: ProgressRun): Promise<{ timeline: DeliveryTimeline; run: DeliveryRun | undefined }> {
  const { choices, controller, view, log } = options;
  let run: DeliveryRun | undefined;
  const timeline = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Delivering as Chat2Desk to {0}', options.shownTarget), cancellable: true },
    async (progress, cancellation) => {
      const listener = cancellation.onCancellationRequested(() => controller.abort());
      try {
        return await deliveryEngine().runDelivery({
          events: options.events,
          apiToken: options.apiToken,
          policy: choices.policy,
          timeScale: choices.timeScale,
          retryTimestamp: choices.retryTimestamp,
          intervalMs: choices.intervalMs,
          faults: { duplicate: choices.duplicate, order: choices.order, seed: choices.seed, slowFirst: choices.slowFirst },
          signal: controller.signal,
          onProgress: (p, t) => {
            if (!run) {
              run = { id: options.id, target: options.shownTarget, timeline: t };
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
  return { timeline, run };
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
