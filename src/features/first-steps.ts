// The "Your First Signed Webhook" walkthrough's glue: it opens by itself once, on the first start; each
// step completes on the real action (a context key set when it happened, see contributes.walkthroughs)
// and the guide then opens the next step, so each step is one click; plus the commands only it needs.
import * as vscode from 'vscode';
import type { Accounts } from './accounts';
import { walkthroughsOpenOnInstall } from './configuration';
import type { ListenApi } from './listen/listen-commands';
import type { WebhookSender } from './send/webhook-sender';
import { whenNoListIsOpen } from './keyboard-focus';
import { fixtureToSend, offerNewPayload, registerSendToHandler } from './send-to-handler';
import { COMMANDS, CONTEXT_KEYS, STATE_KEYS, WALKTHROUGH } from './ids';

export interface FirstStepsDeps {
  accounts: Accounts;
  sender: WebhookSender;
  listen: ListenApi;
  log: vscode.LogOutputChannel;
  lastCreatedFixture: () => vscode.Uri | undefined;
  /** Fires when New Payload from Documented Event wrote a fixture. */
  onDidCreateFixture: vscode.Event<vscode.Uri>;
}

/** The walkthrough's context keys as last set (for the integration tests: VS Code has no getter). */
export type FirstStepsState = Record<string, boolean>;

/** Which context key completes which step (package.json completionEvents say the same). */
const STEP_KEYS: Record<(typeof WALKTHROUGH.steps)[number], string> = {
  setToken: CONTEXT_KEYS.hasApiToken,
  newPayload: CONTEXT_KEYS.createdFixture,
  send: CONTEXT_KEYS.sentWebhook,
  sendToHandler: CONTEXT_KEYS.sentToHandler,
};

export interface FirstSteps {
  state(): FirstStepsState;
  /** What activation does on the first start (not under the test runner): opens the walkthrough, once. */
  openWalkthroughOnce(): Promise<boolean>;
}

export function registerFirstSteps(context: vscode.ExtensionContext, deps: FirstStepsDeps): FirstSteps {
  const { accounts, sender, listen } = deps;
  const state: FirstStepsState = { [CONTEXT_KEYS.createdFixture]: false, [CONTEXT_KEYS.sentWebhook]: false, [CONTEXT_KEYS.sentToHandler]: false };
  const walkthroughStep = (step: string) => `${context.extension.id}#${WALKTHROUGH.id}#${step}`;
  /** Records a step's key (each caller sets the context key); when it has just turned true, the guide opens the next step not done. */
  const record = (key: string, value: boolean) => {
    const turnedTrue = value && state[key] === false;
    state[key] = value;
    if (turnedTrue) openNextStep(WALKTHROUGH.steps.findIndex((s) => STEP_KEYS[s] === key));
  };
  const openNextStep = (done: number) =>
    // Not while a list is open: the walkthrough moves the keyboard focus to the step it selects.
    whenNoListIsOpen('select the next step', async () => {
      const next = WALKTHROUGH.steps.find((step, index) => index > done && state[STEP_KEYS[step]] !== true);
      // The command does nothing unless the walkthrough is the active editor; a walkthrough is a tab of no known kind.
      if (!next || vscode.window.tabGroups.activeTabGroup.activeTab?.input !== undefined) return;
      await vscode.commands.executeCommand('walkthroughs.selectStep', walkthroughStep(next));
    });
  const hasAnyToken = () => anyToken(accounts);
  // The first reading is what was there before: only a token set from now on completes the step.
  void hasAnyToken().then((has) => {
    state[CONTEXT_KEYS.hasApiToken] = has;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasApiToken, has);
  });
  const isListener = (url: string) => {
    const address = listen.address();
    return address !== undefined && new URL(url).href === new URL(address.url).href;
  };
  context.subscriptions.push(
    accounts.onDidChange(
      () =>
        void hasAnyToken().then((has) => {
          void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.hasApiToken, has);
          record(CONTEXT_KEYS.hasApiToken, has);
        }),
    ),
    deps.onDidCreateFixture(() => {
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.createdFixture, true);
      record(CONTEXT_KEYS.createdFixture, true);
    }),
    sender.onDidSend((exchanges) => {
      const answered = exchanges.filter((e) => e.response);
      if (answered.length === 0) return;
      if (answered.some((e) => !isListener(e.request.url))) {
        void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sentToHandler, true);
        record(CONTEXT_KEYS.sentToHandler, true);
      }
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.sentWebhook, true);
      record(CONTEXT_KEYS.sentWebhook, true);
    }),
    ...registerGuideCommands(deps),
    registerSendToHandler(context, { sender, log: deps.log, lastCreatedFixture: deps.lastCreatedFixture, listenerUrl: () => listen.address()?.url }),
  );

  const openWalkthroughOnce = () => openWalkthroughOnceIn(context, hasAnyToken);
  // Under the test runner the suites open what they test themselves.
  if (context.extensionMode !== vscode.ExtensionMode.Test) whenNoListIsOpen('open the walkthrough', () => openWalkthroughOnce().catch(() => false));

  return {
    state: () => ({ ...state, [CONTEXT_KEYS.listening]: listen.address() !== undefined }),
    openWalkthroughOnce,
  };
}

async function anyToken(accounts: Accounts): Promise<boolean> {
  for (const account of accounts.list()) if (await accounts.getToken(account)) return true;
  return false;
}

/** Opens the walkthrough on the first start, once: whether it did. */
async function openWalkthroughOnceIn(context: vscode.ExtensionContext, hasAnyToken: () => Promise<boolean>): Promise<boolean> {
  if (context.globalState.get(STATE_KEYS.walkthroughOpened)) return false;
  await context.globalState.update(STATE_KEYS.walkthroughOpened, true);
  // The user's own answer to "open walkthroughs on install"; and a token already set means an update, not a newcomer.
  if (!walkthroughsOpenOnInstall() || (await hasAnyToken())) return false;
  // Over the Welcome page, in front; beside a file the user has open, without taking the keyboard.
  const beside = vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input !== undefined));
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH.id}`, beside);
  return true;
}

/** Send to the Local Listener (the listener started when it is not running). */
function registerGuideCommands({ sender, listen, lastCreatedFixture }: FirstStepsDeps): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(COMMANDS.sendToListener, async () => {
      // The command says where it sends: a listener not running yet is started, as the user asked.
      if (!listen.address() && !(await vscode.commands.executeCommand(COMMANDS.startListening))) return [];
      const url = listen.address()?.url;
      if (!url) return [];
      const item = await fixtureToSend(lastCreatedFixture());
      if (!item) return offerNewPayload();
      return sender.send([item], { url, name: vscode.l10n.t('Webhook Studio listener'), headers: {} });
    }),
  ];
}
