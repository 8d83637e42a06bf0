// The public shapes of suites and of a suite run (see SUITE-FORMAT.md): what the CLI, the Test Explorer
// and the scaffold build against. Nothing here imports vscode.
import type { StatusSpec } from '../status';
import type { DeliveryOrder, DuplicateMode } from '../delivery/arrange';
import type { RetryTimestamp } from '../delivery/engine';

/** 0-based, as VS Code ranges are. */
export interface SourceRange {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export type SuiteTestKind = 'suite' | 'scenario' | 'step' | 'check';

export interface SuiteTestItem {
  /** `suite`, `<scenario>`, `<scenario>/<step>`, `<scenario>/idempotent`, `check:<checkId>`. */
  id: string;
  kind: SuiteTestKind;
  label: string;
  range?: SourceRange;
  children: SuiteTestItem[];
}

/** A status expectation: one code, a list of codes, or a class (`2xx`, `4xx`, `5xx`). */
export type { StatusSpec };

export interface BodyExpectation {
  path: string;
  equals?: unknown;
  matches?: string;
  exists?: boolean;
  range?: SourceRange;
}

export interface ApiCallExpectation {
  /** `POST /v1/messages`: method and a path prefix. */
  call: string;
  count: number;
  range?: SourceRange;
}

export interface StepExpect {
  status: StatusSpec;
  latencyMs?: number;
  headers?: Record<string, string>;
  body: BodyExpectation[];
  apiCalls: ApiCallExpectation[];
  range?: SourceRange;
}

/** Where a step's payload comes from; its text is read and checked when the suite is loaded. */
export type PayloadSource = { kind: 'fixture'; path: string } | { kind: 'event'; event: string } | { kind: 'payload' };

export interface SendStep {
  type: 'send';
  id: string;
  label: string;
  source: PayloadSource;
  /** The payload as written (vars and patch are applied at each send). */
  text: string;
  patch: { path: (string | number)[]; pathText: string; value: unknown; range?: SourceRange }[];
  expect: StepExpect;
  range?: SourceRange;
}

export interface WaitStep {
  type: 'wait';
  id: string;
  label: string;
  ms: number;
  range?: SourceRange;
}

export type SuiteStep = SendStep | WaitStep;

export interface DeliverOptions {
  policy: string;
  timeScale: number;
  duplicate?: DuplicateMode;
  order: DeliveryOrder;
  seed?: number;
  slowFirst: boolean;
  retryTimestamp: RetryTimestamp;
}

export interface Scenario {
  id: string;
  name: string;
  idempotent: boolean;
  deliver: DeliverOptions;
  steps: SuiteStep[];
  range?: SourceRange;
}

export type Probe =
  | { kind: 'http'; url: string; path: string; range?: SourceRange }
  | { kind: 'command'; command: string; cwd: string; range?: SourceRange }
  | { kind: 'apiCalls'; call: string; range?: SourceRange };

export interface SuiteTarget {
  url: string;
  account?: string;
  timeoutSeconds: number;
  start?: { command: string; cwd: string; env: Record<string, string>; range?: SourceRange };
  ready?: { url: string; timeoutSeconds: number; range?: SourceRange };
  range?: SourceRange;
}

export interface SuiteChecks {
  /** The payload the checks vary. */
  text: string;
  source: string;
  ids: CheckId[];
  range?: SourceRange;
}

export const REQUIRED_CHECKS = [
  'missing-signature',
  'wrong-signature',
  'raw-token-key',
  'altered-body',
  'reserialised-body',
  'unknown-hook-type',
  'unknown-fields',
  'answers-in-time',
] as const;
export const RECOMMENDED_CHECKS = ['stale-timestamp', 'future-timestamp'] as const;
export type CheckId = (typeof REQUIRED_CHECKS)[number] | (typeof RECOMMENDED_CHECKS)[number];
export const CHECK_IDS: readonly CheckId[] = [...REQUIRED_CHECKS, ...RECOMMENDED_CHECKS];

export interface LoadedSuite {
  path: string;
  /** The suite file's folder: paths inside are relative to it. */
  dir: string;
  name: string;
  tests: SuiteTestItem;
  target: SuiteTarget;
  api?: 'simulator';
  vars: Record<string, unknown>;
  probe?: Probe;
  scenarios: Scenario[];
  checks?: SuiteChecks;
}

export type SuiteRunMode = 'run' | 'chat2desk';

export interface SuiteRunOptions {
  /** Test ids to run (a scenario id runs its steps, `suite` everything); default all. */
  only?: ReadonlySet<string>;
  mode: SuiteRunMode;
  tokenFor: (account: string | undefined) => Promise<string | undefined>;
  env: NodeJS.ProcessEnv;
  schemasDir: string;
  signal?: AbortSignal;
  onEvent: (event: SuiteRunEvent) => void;
  /**
   * The stand-in for the Chat2Desk API of an `"api": "simulator"` suite. Passed in (src/runner-bundle.ts
   * passes the simulator's) because src/core imports nothing from the layers above it.
   */
  apiStandIn?: (options: { token: string; schemasDir: string }) => ApiStandIn;
}

/** What a suite needs of a stand-in API: its address once started, the calls it received, and a stop. */
export interface ApiStandIn {
  start(): Promise<string>;
  readonly requests: readonly { method: string; path: string }[];
  stop(): Promise<void>;
}

export interface SuiteFailure {
  message: string;
  expected?: string;
  actual?: string;
  range?: SourceRange;
}

export interface StepArtifacts {
  request?: { url: string; headers: Record<string, string>; body: Buffer };
  response?: { status: number; headers: Record<string, string>; body: string };
  /** A DeliveryTimeline (core/delivery/engine.ts) when the step ran through Deliver. */
  timeline?: unknown;
}

export interface SuiteErrorInfo {
  code: string;
  message: string;
  hint?: string;
}

export type SuiteRunEvent =
  | { type: 'started'; id: string }
  | { type: 'passed'; id: string; durationMs: number }
  | { type: 'failed'; id: string; durationMs: number; failures: SuiteFailure[]; artifacts?: StepArtifacts }
  | { type: 'errored'; id: string; error: SuiteErrorInfo; range?: SourceRange }
  | { type: 'skipped'; id: string; reason?: string }
  | { type: 'output'; text: string };

export interface SuiteRunSummary {
  passed: number;
  failed: number;
  errored: number;
  skipped: number;
  durationMs: number;
}
