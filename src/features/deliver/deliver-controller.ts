// The commands of "Deliver as Chat2Desk…", one method each. A delivery goes through the prepare-then-send
// flow (payloads, one schema question, endpoint and run settings, token with Set API Token resuming the
// run), then through the delivery engine, live in the Delivery Timeline view.
import * as vscode from 'vscode';
import type { DeliveryTimeline } from '../../core/delivery/engine';
import { describePolicy, formatTimeScale } from '../../core/delivery/policy';
import { deliveryEventsOf } from '../../core/delivery/prepare';
import { deliveryEngine } from '../../core/delivery/load-engine';
import type { PayloadPlan } from '../../core/payload';
import { redactUrl } from '../../core/redact';
import { payloadSettings, requestTimeoutMs } from '../configuration';
import { rememberUrl, type ChosenEndpoint, type EndpointPicker } from '../send/endpoints';
import { fileKeyOf, type PayloadItem, type SendFlow } from '../send/prepare-send';
import { collectPayloads } from '../send/send-commands';
import { chooseRunSettings } from './deliver-prompts';
import { runWithProgress } from './deliver-progress';
import { argsOf, repeatArgs, type DeliverCommandArgs, type DeliverPayload, type RunSettings } from './run-settings';
import type { DeliveryRun, TimelineNode } from './timeline-model';
import type { DeliveryTimelineView } from './timeline-view';
import { commandInput, showFailure } from '../commands';
import { CONTEXT_KEYS, VIEWS, focusViewCommand } from '../ids';

interface DeliveryChoices extends RunSettings {
  target: ChosenEndpoint;
}

export class DeliverController {
  private readonly running = new Set<AbortController>();
  private nextRunId = 1;

  constructor(
    private readonly state: vscode.Memento,
    private readonly flow: SendFlow,
    private readonly endpoints: EndpointPicker,
    private readonly view: DeliveryTimelineView,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** Deliver as Chat2Desk…: the editor's fixture, an Explorer selection (a sequence), or `args.payloads`. */
  async deliver(uri?: unknown, uris?: unknown, args: DeliverCommandArgs = {}): Promise<DeliveryTimeline | undefined> {
    const items = await this.payloadsOf(uri, uris, args);
    if (!items?.length) return undefined;
    const title =
      items.length > 1 ? vscode.l10n.t('Deliver {0} events as Chat2Desk', items.length) : vscode.l10n.t('Deliver {0} as Chat2Desk', items[0].source);
    const timeoutMs = requestTimeoutMs();
    const prepared = await this.flow.prepare<DeliveryChoices>({
      items,
      validate: true,
      anyway: vscode.l10n.t('Deliver Anyway'),
      schemaAccepted: args.schemaAccepted,
      choose: () => this.choose(title, args, items, timeoutMs),
      target: (choices) => choices.target,
      // Once the token is set, the same run goes on: nothing is asked again.
      resume: (choices, account) =>
        this.deliver(undefined, undefined, {
          ...argsOf(choices, payloadsOf(items), { ...choices.target, account: account.name }),
          schemaAccepted: true,
        }),
    });
    if (!prepared) return undefined;
    const { target } = prepared.choices;
    let events;
    try {
      events = deliveryEventsOf(prepared.plans, { url: target.url, bodyFormat: payloadSettings().bodyFormat, extraHeaders: target.headers });
    } catch (error) {
      void showFailure(this.log, error);
      return undefined;
    }
    const timeline = await this.run(prepared.choices, events, prepared.apiToken, (run, finished) => {
      run.again = repeatArgs(finished, payloadsOf(items, prepared.plans), target);
    });
    if (timeline.deliveries.some((d) => d.attempts.some((a) => a.status !== undefined))) await rememberUrl(this.state, target.url, fileKeyOf(items));
    return timeline;
  }

  /** Cancels every running delivery. */
  cancel(): void {
    for (const controller of this.running) controller.abort();
  }

  clear(): void {
    this.view.clear();
  }

  /** The run's timeline as the CLI's --json prints it, in an untitled document (to save beside the fixtures or attach to a bug report). */
  async openJson(node?: TimelineNode): Promise<vscode.TextEditor | undefined> {
    const run = node?.run ?? this.view.runs[0];
    if (!run) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No delivery run yet.'));
      return undefined;
    }
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'json', content: deliveryEngine().timelineJson(run.timeline) }), {
      preview: true,
    });
  }

  /** From a run's inline action, or (no argument) the latest finished run: the same run, nothing asked. */
  runAgain(node?: TimelineNode): Promise<DeliveryTimeline | undefined> | undefined {
    const again = node?.run.again ?? this.view.runs.find((r) => r.again)?.again;
    if (!again) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No finished delivery run to repeat yet.'));
      return undefined;
    }
    return this.deliver(undefined, undefined, again);
  }

  /** Adds a finished timeline (a suite step's, say) as a run in the view and reveals it. */
  async show(target: string, timeline: DeliveryTimeline): Promise<void> {
    this.view.addRun({ id: this.nextRunId++, target, timeline });
    await vscode.commands.executeCommand(focusViewCommand(VIEWS.deliveries));
  }

  private async payloadsOf(uri: unknown, uris: unknown, args: DeliverCommandArgs): Promise<PayloadItem[] | undefined> {
    if (args.payloads)
      return args.payloads.map((p) => ({ source: p.source, text: p.text ?? '', bytes: p.bytes, provider: p.provider, sign: p.sign, file: p.file }));
    if (!commandInput([uri]).uri && !vscode.window.activeTextEditor) {
      void vscode.window.showWarningMessage(
        vscode.l10n.t(
          'Open a payload fixture (.json) or select fixtures in the Explorer (several are delivered as a sequence), then run "Deliver as Chat2Desk…".',
        ),
      );
      return undefined;
    }
    try {
      return await collectPayloads(uri, uris);
    } catch (error) {
      void showFailure(this.log, error);
      return undefined;
    }
  }

  /** The endpoint (the file's last one first, as Send), then the run settings; from the arguments where given. */
  private async choose(title: string, args: DeliverCommandArgs, items: PayloadItem[], timeoutMs: number): Promise<DeliveryChoices | undefined> {
    const target: ChosenEndpoint | undefined = args.endpoint
      ? { ...args.endpoint, headers: args.endpoint.headers ?? {} }
      : args.url
        ? { url: args.url, headers: {} }
        : await this.endpoints.pick(title, fileKeyOf(items));
    if (!target) return undefined;
    const settings = await chooseRunSettings(title, args, items.length, timeoutMs);
    return settings && { ...settings, target };
  }

  /** Runs the engine with progress and Cancel, the run live in the view; `finished` records Run Again's arguments. */
  private async run(
    choices: DeliveryChoices,
    events: ReturnType<typeof deliveryEventsOf>,
    apiToken: string | undefined,
    finished: (run: DeliveryRun, timeline: DeliveryTimeline) => void,
  ): Promise<DeliveryTimeline> {
    const { target, policy, timeScale } = choices;
    const controller = new AbortController();
    this.running.add(controller);
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.delivering, true);
    // Where it goes, as shown (view, progress, log, the JSON users attach to bug reports): never a URL's password.
    const shownTarget = target.name ?? redactUrl(target.url);
    this.log.info(`Deliver as Chat2Desk to ${redactUrl(target.url)}: ${events.length} event(s), ${describePolicy(policy)}, ${formatTimeScale(timeScale)}`);
    try {
      const { timeline, run } = await runWithProgress({
        id: this.nextRunId++,
        shownTarget,
        choices,
        events,
        apiToken,
        controller,
        view: this.view,
        log: this.log,
      });
      if (run) finished(run, timeline);
      this.view.refresh(true);
      this.announce(timeline);
      return timeline;
    } finally {
      this.running.delete(controller);
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.delivering, this.running.size > 0);
    }
  }

  private announce(timeline: DeliveryTimeline): void {
    const summary = deliveryEngine().summarizeTimeline(timeline);
    for (const line of summary) this.log.info(line);
    const showTimeline = vscode.l10n.t('Show Timeline');
    void (
      deliveryEngine().allDelivered(timeline)
        ? vscode.window.showInformationMessage(summary[0], showTimeline)
        : vscode.window.showWarningMessage(summary[0], showTimeline)
    ).then((choice) => choice && vscode.commands.executeCommand(focusViewCommand(VIEWS.deliveries)));
  }
}

/** The payloads as Run Again and a resumed run replay them (text as planned, the provider as detected). */
function payloadsOf(items: readonly PayloadItem[], plans?: readonly PayloadPlan[]): DeliverPayload[] {
  return items.map((item, i) => ({
    source: item.source,
    text: item.text,
    bytes: item.bytes,
    provider: plans?.[i].provider ?? item.provider,
    sign: item.sign,
    file: item.file,
  }));
}
