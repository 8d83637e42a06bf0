// What the "Delivery Timeline" view shows, as plain data (no vscode import): a node per run, per
// delivery (event, or its duplicate) and per attempt. The provider only maps this to TreeItems.
import type { AttemptRecord } from '../../core/delivery/attempt';
import type { DeliveryRecord, DeliveryTimeline } from '../../core/delivery/engine';
import { formatClock, formatDuration, formatTimeScale } from '../../core/delivery/policy';
import { deliveryEngine } from '../../core/delivery/load-engine';
import { t } from '../../core/l10n';
import { escapeMarkdown } from '../markdown';
import type { NodePresentation } from '../node-presentation';
import type { DeliverCommandArgs } from './run-settings';

export interface DeliveryRun {
  id: number;
  /** Where it went: the endpoint's name or URL. */
  target: string;
  timeline: DeliveryTimeline;
  /** Set once the run is over: how to run it again. */
  again?: DeliverCommandArgs;
}

export type TimelineNode =
  | { type: 'run'; run: DeliveryRun }
  | { type: 'summary'; run: DeliveryRun }
  | { type: 'summary-line'; run: DeliveryRun; index: number; text: string }
  | { type: 'delivery'; run: DeliveryRun; delivery: DeliveryRecord }
  | { type: 'attempt'; run: DeliveryRun; delivery: DeliveryRecord; attempt: AttemptRecord };

/**
 * The same shape as the Webhooks view's items (no command: timeline items only show). Tooltips are
 * Markdown: every text a sender or handler controls (answers, status texts, error messages, file names,
 * hook types, the target) goes through escapeMarkdown, as in the Webhooks view.
 */
export type TimelinePresentation = NodePresentation;

export function childNodes(node: TimelineNode): TimelineNode[] {
  switch (node.type) {
    case 'run': {
      const deliveries = node.run.timeline.deliveries.map((delivery): TimelineNode => ({ type: 'delivery', run: node.run, delivery }));
      return node.run.timeline.state === 'running' ? deliveries : [{ type: 'summary', run: node.run }, ...deliveries];
    }
    case 'summary':
      return deliveryEngine()
        .summarizeTimeline(node.run.timeline)
        .map((text, index) => ({ type: 'summary-line', run: node.run, index, text }));
    case 'delivery':
      return node.delivery.attempts.map((attempt) => ({ type: 'attempt', run: node.run, delivery: node.delivery, attempt }));
    default:
      return [];
  }
}

const GREEN = 'testing.iconPassed';
const RED = 'testing.iconFailed';
const YELLOW = 'list.warningForeground';

function runIcon(timeline: DeliveryTimeline): TimelinePresentation['icon'] {
  if (timeline.state === 'running') return { id: 'sync~spin' };
  if (timeline.state === 'cancelled') return { id: 'circle-slash' };
  return timeline.deliveries.every((d) => d.outcome.kind === 'delivered') ? { id: 'pass', color: GREEN } : { id: 'error', color: RED };
}

function deliveryIcon(delivery: DeliveryRecord): TimelinePresentation['icon'] {
  switch (delivery.outcome.kind) {
    case 'pending':
      return delivery.attempts.some((a) => a.result === undefined) ? { id: 'loading~spin' } : { id: 'clock' };
    case 'delivered':
      return delivery.outcome.attempt === 1 ? { id: 'pass', color: GREEN } : { id: 'pass', color: YELLOW };
    case 'gave-up':
      return { id: 'error', color: RED };
    case 'disabled':
      return { id: 'debug-disconnect', color: RED };
    case 'cancelled':
      return { id: 'circle-slash' };
  }
}

function attemptIcon(attempt: AttemptRecord): TimelinePresentation['icon'] {
  switch (attempt.result) {
    case undefined:
      return { id: 'loading~spin' };
    case 'accepted':
      return { id: 'check', color: GREEN };
    case 'rejected':
      return { id: 'close', color: RED };
    case 'timeout':
      return { id: 'watch', color: RED };
    case 'error':
      return { id: 'warning', color: RED };
    case 'cancelled':
      return { id: 'circle-slash' };
  }
}

function attemptTooltip(attempt: AttemptRecord, timeline: DeliveryTimeline): string {
  const rows = [
    `**${t('Attempt {0}', attempt.attempt)}**: ${escapeMarkdown(deliveryEngine().describeAttempt(attempt))}`,
    t(
      "Sent at {0} on Chat2Desk's clock ({1} real time, {2})",
      formatClock(attempt.scheduleMs),
      formatClock(attempt.realMs),
      formatTimeScale(timeline.timeScale),
    ),
    attempt.waitedMs ? t('After a wait of {0}', formatDuration(attempt.waitedMs)) : undefined,
    attempt.timestamp
      ? `X-Timestamp \`${attempt.timestamp}\`${attempt.timestampAgeSeconds ? `, ${t('{0} old (original timestamp)', formatDuration(attempt.timestampAgeSeconds * 1000))}` : ` ${t('(fresh)')}`}`
      : t('Unsigned (IQChannels)'),
    attempt.responseBody ? `${t('Response body:')} ${escapeMarkdown(attempt.responseBody.slice(0, 200))}` : undefined,
  ];
  return rows.filter(Boolean).join('\n\n');
}

export function present(node: TimelineNode): TimelinePresentation {
  const { run } = node;
  const { timeline } = run;
  switch (node.type) {
    case 'run': {
      const delivered = timeline.deliveries.filter((d) => d.outcome.kind === 'delivered').length;
      const accepted = t('{0} of {1} accepted', delivered, timeline.deliveries.length);
      const state = timeline.state === 'running' ? t('running…') : timeline.state === 'cancelled' ? t('cancelled, {0}', accepted) : accepted;
      return {
        id: `run/${run.id}`,
        label: `${new Date(timeline.startedAt).toLocaleTimeString()} → ${run.target}`,
        description: state,
        tooltip: `${t('**Deliver as Chat2Desk** to {0}', escapeMarkdown(run.target))}\n\n${escapeMarkdown(deliveryEngine().describeRun(timeline))}`,
        icon: runIcon(timeline),
        collapsible: 'expanded',
        contextValue: timeline.state === 'running' ? 'deliveryRun.running' : 'deliveryRun',
      };
    }
    case 'summary':
      return {
        id: `run/${run.id}/summary`,
        label: t('Summary'),
        description: deliveryEngine().summarizeTimeline(timeline)[0],
        icon: { id: 'info' },
        collapsible: 'collapsed',
        contextValue: 'deliverySummary',
      };
    case 'summary-line':
      return {
        id: `run/${run.id}/summary/${node.index}`,
        label: node.text,
        tooltip: escapeMarkdown(node.text),
        icon: { id: 'dash' },
        collapsible: 'none',
        contextValue: 'deliverySummaryLine',
      };
    case 'delivery':
      return {
        // The file name only: the sidebar is narrow and the outcome must stay readable.
        id: `run/${run.id}/d/${node.delivery.id}`,
        label: deliveryEngine().deliveryLabel({ ...node.delivery, source: node.delivery.source.split('/').pop()! }),
        description: deliveryEngine().describeOutcome(node.delivery, timeline),
        tooltip: [
          escapeMarkdown(deliveryEngine().deliveryLabel(node.delivery)),
          node.delivery.hookType && `hook_type: ${escapeMarkdown(node.delivery.hookType)}`,
        ]
          .filter(Boolean)
          .join('\n\n'),
        icon: deliveryIcon(node.delivery),
        collapsible: node.delivery.attempts.length ? 'expanded' : 'none',
        contextValue: 'delivery',
      };
    case 'attempt':
      return {
        id: `run/${run.id}/d/${node.delivery.id}/a/${node.attempt.attempt}`,
        label: `#${node.attempt.attempt}  ${formatClock(node.attempt.scheduleMs)}`,
        description: deliveryEngine().describeAttempt(node.attempt),
        tooltip: attemptTooltip(node.attempt, timeline),
        icon: attemptIcon(node.attempt),
        collapsible: 'none',
        contextValue: 'deliveryAttempt',
      };
  }
}
