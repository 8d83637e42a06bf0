// "Deliver as Chat2Desk…": fixtures (editor, or an explorer multi-selection as a sequence) delivered
// with Chat2Desk's retry policy, a time scale and fault modes; live in the Delivery Timeline view.
// This entry registers the view and the commands; deliver-controller.ts holds one method per command.
import * as vscode from 'vscode';
import type { DeliveryTimeline } from '../../core/delivery/engine';
import type { EndpointPicker } from '../send/endpoints';
import type { SendFlow } from '../send/prepare-send';
import type { DeliverController } from './deliver-controller';
import { deliverCommands } from './load-deliver';
import type { DeliverCommandArgs } from './run-settings';
import type { TimelineNode } from './timeline-model';
import { DeliveryTimelineView } from './timeline-view';
import { COMMANDS, VIEWS } from '../ids';

export const DELIVER_COMMAND = COMMANDS.deliverAsChat2Desk;

/** What other features use of the Delivery Timeline view. */
export interface DeliveryTimelines {
  /** Adds a finished timeline (a suite step's, say) as a run in the view and reveals it. */
  show(target: string, timeline: DeliveryTimeline): Promise<void>;
}

export function registerDeliverFeature(
  context: vscode.ExtensionContext,
  flow: SendFlow,
  endpoints: EndpointPicker,
  log: vscode.LogOutputChannel,
): DeliveryTimelines {
  const view = new DeliveryTimelineView();
  const tree = vscode.window.createTreeView(VIEWS.deliveries, { treeDataProvider: view, showCollapseAll: true });
  let loaded: DeliverController | undefined;
  const controller = () => (loaded ??= new (deliverCommands().DeliverController)(context.workspaceState, flow, endpoints, view, log));
  context.subscriptions.push(
    view,
    tree,
    vscode.commands.registerCommand(DELIVER_COMMAND, (uri?: unknown, uris?: unknown, args?: DeliverCommandArgs) => controller().deliver(uri, uris, args)),
    // Nothing runs before the first delivery: nothing to cancel, and the controller need not load for it.
    vscode.commands.registerCommand(COMMANDS.cancelDelivery, () => loaded?.cancel()),
    vscode.commands.registerCommand(COMMANDS.clearDeliveries, () => controller().clear()),
    vscode.commands.registerCommand(COMMANDS.openDeliveryJson, (node?: TimelineNode) => controller().openJson(node)),
    vscode.commands.registerCommand(COMMANDS.runDeliveryAgain, (node?: TimelineNode) => controller().runAgain(node)),
  );
  return { show: (target, timeline) => controller().show(target, timeline) };
}
