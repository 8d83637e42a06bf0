// Creates the shared services once, then one register call per feature.
import * as vscode from 'vscode';
import type { Exchange } from './core/exchange';
import { loadEventCatalogue } from './core/chat2desk/events';
import { useTranslations } from './core/l10n';
import { Accounts, registerAccountCommands } from './features/accounts';
import { registerDeliverFeature } from './features/deliver/deliver-command';
import { registerPayloadSnippets } from './features/payload-snippets';
import { registerSchemaFeatures, SchemaService } from './features/schemas';
import { registerSendCommands } from './features/send/send-commands';
import { SendFlow } from './features/send/prepare-send';
import { WebhookSender } from './features/send/webhook-sender';
import type { AccountState } from './features/webhooks-view/tree-model';
import { registerWebhooksView } from './features/webhooks-view/webhook-commands';
import { listenerOffer, registerListenFeature, type ListenApi } from './features/listen/listen-commands';
import { ListenService } from './features/listen/listen-service';
import { EndpointPicker } from './features/send/endpoints';
import { COMMANDS } from './features/ids';
import { registerFirstSteps } from './features/first-steps';
import { registerNewPayload } from './features/new-payload';
import { registerPayloadCodeLens } from './features/payload-codelens';
import { registerKitCommands } from './features/kit/kit-commands';
import { registerSuitesFeature, type SuitesApi } from './features/suites';

/** What activate() returns: read-only views for other extensions and the integration tests. */
export interface WebhookStudioApi {
  exchanges(): readonly Exchange[];
  /** The sidebar's state per account, and the nodes it shows at the root. */
  webhooks: {
    states(): { account: string; state: AccountState }[];
    roots(): Promise<unknown[]>;
  };
  /** The Received Webhooks view: listener address and captures. */
  listen: ListenApi;
  /** performance.now() when the host began and finished evaluating this bundle, and when activate() began and returned (npm run bench). */
  activation: { bundleStartedAt: number | undefined; bundleEvaluatedAt: number; startedAt: number; returnedAt: number };
  /** The contract suites the Test Explorer shows. */
  suites: SuitesApi;
  /** The walkthrough's completion context keys, as last set. */
  firstSteps(): Record<string, boolean>;
  /** What activation does on the first start (skipped under the test runner): opens the walkthrough once; whether it did. */
  openWalkthroughOnce(): Promise<boolean>;
}

/** Set by the bundle's first line (esbuild.mjs banner); absent when this module is not loaded from dist/. */
declare const WEBHOOK_STUDIO_BUNDLE_START: number | undefined;
/** Every import above has been evaluated by now: the end of the bundle's own require time. */
const bundleEvaluatedAt = performance.now();

export function activate(context: vscode.ExtensionContext): WebhookStudioApi {
  const startedAt = performance.now();
  // Core messages (errors, hints, summaries) speak VS Code's display language too.
  useTranslations(vscode.l10n.bundle);
  const log = vscode.window.createOutputChannel('Webhook Studio', { log: true });
  const accounts = new Accounts(context.secrets, log);
  const schemasDir = vscode.Uri.joinPath(context.extensionUri, 'schemas').fsPath;
  const schemas = new SchemaService(schemasDir);
  // The one prepare-then-send flow (payloads, schema, endpoint, token) of every way to send.
  const flow = new SendFlow(accounts, schemas, log);
  const sender = new WebhookSender(context.workspaceState, flow, log);
  const listener = new ListenService(context, accounts, schemas, log);
  // Where to send, for Send, Deliver and Replay alike: endpoints, recent URLs and the listener.
  const endpoints = new EndpointPicker(context.workspaceState, log, listenerOffer(listener));
  const catalogue = loadEventCatalogue(schemasDir);
  context.subscriptions.push(
    log,
    accounts,
    sender,
    listener,
    vscode.commands.registerCommand(COMMANDS.showLog, () => log.show()),
  );

  registerAccountCommands(context, accounts);
  registerSchemaFeatures(context, schemas, log);
  registerPayloadSnippets(context, schemasDir);
  registerSendCommands(context, sender, endpoints, log);
  const timelines = registerDeliverFeature(context, flow, endpoints, log);
  const webhooks = registerWebhooksView(context, accounts, catalogue, schemasDir, sender, log);
  const listen = registerListenFeature(context, { service: listener, accounts, catalogue, flow, endpoints, sender, log });

  const newPayload = registerNewPayload(context, schemasDir, log);
  registerPayloadCodeLens(context);
  registerKitCommands(context, schemasDir, log);
  const suites = registerSuitesFeature(context, { accounts, schemasDir, timelines, log });
  const firstSteps = registerFirstSteps(context, {
    accounts,
    sender,
    listen,
    log,
    lastCreatedFixture: newPayload.lastCreated,
    onDidCreateFixture: newPayload.onDidCreate,
  });

  return {
    exchanges: () => [...sender.exchanges],
    webhooks: { states: webhooks.states, roots: webhooks.roots },
    listen,
    suites,
    firstSteps: firstSteps.state,
    openWalkthroughOnce: firstSteps.openWalkthroughOnce,
    activation: {
      bundleStartedAt: typeof WEBHOOK_STUDIO_BUNDLE_START === 'number' ? WEBHOOK_STUDIO_BUNDLE_START : undefined,
      bundleEvaluatedAt,
      startedAt,
      returnedAt: performance.now(),
    },
  };
}

export function deactivate(): void {}
