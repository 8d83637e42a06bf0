// One home for the identifiers package.json and the code share: command ids, view ids, context keys,
// setting keys and their defaults. test/unit/features/ids.test.ts checks them against package.json both ways.
// Defaults the CLI shares live in src/core and are referenced here. No `vscode` import: unit-tested.
import { DEFAULT_LISTEN_PORT, DEFAULT_REPLY, DEFAULT_TOLERANCE_SECONDS } from '../core/listen/defaults';
import { DEFAULT_TIMEOUT_SECONDS } from '../core/send';
import { SETTING_DEFAULTS } from '../core/settings';

/** Command ids (`webhookStudio.<verb>`), as contributed in package.json. */
export const COMMANDS = {
  sendSignedWebhook: 'webhookStudio.sendSignedWebhook',
  sendSignedWebhookWithOptions: 'webhookStudio.sendSignedWebhookWithOptions',
  copyAsCurl: 'webhookStudio.copyAsCurl',
  validatePayload: 'webhookStudio.validatePayload',
  useChat2DeskSchema: 'webhookStudio.useChat2DeskSchema',
  useIQChannelsSchema: 'webhookStudio.useIQChannelsSchema',
  setApiToken: 'webhookStudio.setApiToken',
  clearApiToken: 'webhookStudio.clearApiToken',
  showLog: 'webhookStudio.showLog',
  refreshWebhooks: 'webhookStudio.refreshWebhooks',
  addWebhook: 'webhookStudio.addWebhook',
  editWebhook: 'webhookStudio.editWebhook',
  deleteWebhook: 'webhookStudio.deleteWebhook',
  copyWebhookUrl: 'webhookStudio.copyWebhookUrl',
  openWebhookJson: 'webhookStudio.openWebhookJson',
  sendTestEvent: 'webhookStudio.sendTestEvent',
  deliverAsChat2Desk: 'webhookStudio.deliverAsChat2Desk',
  cancelDelivery: 'webhookStudio.cancelDelivery',
  runDeliveryAgain: 'webhookStudio.runDeliveryAgain',
  openDeliveryJson: 'webhookStudio.openDeliveryJson',
  clearDeliveries: 'webhookStudio.clearDeliveries',
  startListening: 'webhookStudio.startListening',
  stopListening: 'webhookStudio.stopListening',
  connectAccount: 'webhookStudio.connectAccount',
  openCapture: 'webhookStudio.openCapture',
  saveCaptureAsFixture: 'webhookStudio.saveCaptureAsFixture',
  replayCapture: 'webhookStudio.replayCapture',
  editAndResendCapture: 'webhookStudio.editAndResendCapture',
  deliverCapture: 'webhookStudio.deliverCapture',
  compareCapture: 'webhookStudio.compareCapture',
  copyCaptureAsCurl: 'webhookStudio.copyCaptureAsCurl',
  deleteCapture: 'webhookStudio.deleteCapture',
  clearCaptures: 'webhookStudio.clearCaptures',
  newPayloadFromEvent: 'webhookStudio.newPayloadFromEvent',
  showResponse: 'webhookStudio.showResponse',
  saveAsEndpoint: 'webhookStudio.saveAsEndpoint',
  enableWebhook: 'webhookStudio.enableWebhook',
  disableWebhook: 'webhookStudio.disableWebhook',
  sendToListener: 'webhookStudio.sendToListener',
  generateTypes: 'webhookStudio.generateTypes',
  runSuite: 'webhookStudio.runSuite',
  saveActualAsFixture: 'webhookStudio.saveActualAsFixture',
  openInDeliveryTimeline: 'webhookStudio.openInDeliveryTimeline',
  copyFailureAsCurl: 'webhookStudio.copyFailureAsCurl',
  newSuite: 'webhookStudio.newSuite',
  newWebhookHandler: 'webhookStudio.newWebhookHandler',
  insertSignatureCheck: 'webhookStudio.insertSignatureCheck',
  sendToHandler: 'webhookStudio.sendToHandler',
} as const;

/** View ids (package.json `views`). */
export const VIEWS = {
  webhooks: 'webhookStudio.webhooks',
  deliveries: 'webhookStudio.deliveries',
  received: 'webhookStudio.received',
} as const;

/** The built-in command that reveals a view. */
export const focusViewCommand = (view: (typeof VIEWS)[keyof typeof VIEWS]): string => `${view}.focus`;

/** Context keys the code sets (`setContext`) for `when` and `enablement` clauses. */
export const CONTEXT_KEYS = {
  /** The webhooks view's state of the current account (loading, empty, noToken, …): picks its welcome content. */
  webhooksState: 'webhookStudio.webhooksState',
  /** A Deliver as Chat2Desk run is in progress. */
  delivering: 'webhookStudio.delivering',
  /** The listener is open. */
  listening: 'webhookStudio.listening',
  // The walkthrough's steps, each set by the real action (never by opening the step).
  hasApiToken: 'webhookStudio.hasApiToken',
  createdFixture: 'webhookStudio.createdFixture',
  sentWebhook: 'webhookStudio.sentWebhook',
  sentToHandler: 'webhookStudio.sentToHandler',
} as const;

/** The walkthrough (package.json `walkthroughs`) and its steps, in order. */
export const WALKTHROUGH = {
  id: 'firstWebhook',
  steps: ['setToken', 'newPayload', 'send', 'sendToHandler'],
} as const;

/** Configuration sections, for `getConfiguration`; keys below are relative to them. */
export const SETTINGS_SECTION = 'webhookStudio';
export const LISTEN_SETTINGS_SECTION = 'webhookStudio.listen';

/** Full setting keys (package.json `configuration`), for `affectsConfiguration` and the Settings editor. */
export const SETTINGS = {
  accounts: 'webhookStudio.accounts',
  endpoints: 'webhookStudio.endpoints',
  bodyFormat: 'webhookStudio.bodyFormat',
  timeoutSeconds: 'webhookStudio.timeoutSeconds',
  validateBeforeSend: 'webhookStudio.validateBeforeSend',
  signIQChannelsPayloads: 'webhookStudio.signIQChannelsPayloads',
  listenPort: 'webhookStudio.listen.port',
  listenAccount: 'webhookStudio.listen.account',
  listenToleranceSeconds: 'webhookStudio.listen.toleranceSeconds',
  listenReplyStatus: 'webhookStudio.listen.replyStatus',
  listenReplyBody: 'webhookStudio.listen.replyBody',
  listenForwardTo: 'webhookStudio.listen.forwardTo',
  listenHistorySize: 'webhookStudio.listen.historySize',
  listenMaxStoredBodyKB: 'webhookStudio.listen.maxStoredBodyKB',
  listenFixturesFolder: 'webhookStudio.listen.fixturesFolder',
  codeLensEnabled: 'webhookStudio.codeLens.enabled',
} as const;

/** Defaults of the top-level settings, as package.json declares them; the CLI shares the core ones. */
export const DEFAULTS = {
  bodyFormat: 'compact',
  timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  validateBeforeSend: SETTING_DEFAULTS.validateBeforeSend,
  signIQChannelsPayloads: SETTING_DEFAULTS.signIQChannelsPayloads,
} as const;

/** Defaults of the listen settings (relative to LISTEN_SETTINGS_SECTION), as package.json declares them. */
export const LISTEN_DEFAULTS = {
  port: DEFAULT_LISTEN_PORT,
  account: '',
  toleranceSeconds: DEFAULT_TOLERANCE_SECONDS,
  replyStatus: DEFAULT_REPLY.status,
  replyBody: DEFAULT_REPLY.body,
  forwardTo: '',
  historySize: SETTING_DEFAULTS.listenHistorySize,
  maxStoredBodyKB: SETTING_DEFAULTS.listenMaxStoredBodyKB,
  fixturesFolder: '',
} as const;

/** Keys of what the extension keeps in workspace/global state (not settings). */
export const STATE_KEYS = {
  recentUrls: 'webhookStudio.recentUrls',
  lastEndpointByFile: 'webhookStudio.lastEndpointByFile',
  temporaryWebhooks: 'webhookStudio.listen.temporaryWebhooks',
  /** Global: the walkthrough was opened once on first start (it never opens by itself again). */
  walkthroughOpened: 'webhookStudio.walkthroughOpened',
  /** Global: the URL "Send to Your Handler" asked for, kept as an endpoint. */
  handlerUrl: 'webhookStudio.handlerUrl',
} as const;

/** Webview panel types. */
export const WEBVIEWS = {
  response: 'webhookStudio.response',
  capture: 'webhookStudio.capture',
} as const;
