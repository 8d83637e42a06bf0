// Runtime shapes of the extension's settings. Settings are user-edited JSON: every read goes through
// these schemas, and a bad entry is reported by name instead of breaking a command.
import type * as z from 'zod/mini';
import { BODY_FORMATS } from './provider';
import { shape } from './shapes';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from './send';
import { DEFAULT_LISTEN_PORT, DEFAULT_REPLY, DEFAULT_TOLERANCE_SECONDS } from './listen/defaults';

export const DEFAULT_API_BASE_URL = 'https://api.chat2desk.com';

export const accountSchema = shape((z) =>
  z.object({
    name: z.string().check(z.trim(), z.minLength(1, 'an account needs a name')),
    apiBaseUrl: z._default(z.url('apiBaseUrl must be an absolute URL'), DEFAULT_API_BASE_URL),
  }),
);
export type Account = z.infer<typeof accountSchema>;

export const endpointSchema = shape((z) =>
  z.object({
    name: z.string().check(z.trim(), z.minLength(1, 'an endpoint needs a name')),
    url: z.string().check(z.minLength(1, 'an endpoint needs a url')),
    account: z.optional(z.string()),
    headers: z._default(z.record(z.string(), z.string()), {}),
  }),
);
export type Endpoint = z.infer<typeof endpointSchema>;

// Scalar settings: a value of the wrong type or out of package.json's range reads as the default, as
// if it were unset (VS Code only underlines it in settings.json).
export const bodyFormatSchema = shape((z) => z.catch(z.enum(BODY_FORMATS), 'compact'));
export const timeoutSecondsSchema = shape((z) => z.catch(z.number().check(z.gte(1), z.lte(MAX_TIMEOUT_SECONDS)), DEFAULT_TIMEOUT_SECONDS));

/** Defaults of the settings below that nothing in core shares (package.json declares the same). */
export const SETTING_DEFAULTS = {
  validateBeforeSend: true,
  signIQChannelsPayloads: false,
  codeLensEnabled: true,
  listenHistorySize: 200,
  listenMaxStoredBodyKB: 256,
} as const;

/** webhookStudio.bodyFormat, .validateBeforeSend and .signIQChannelsPayloads: how payloads become requests. */
export const payloadSettingsSchema = shape((z) =>
  z.object({
    bodyFormat: bodyFormatSchema,
    validateBeforeSend: z.catch(z.boolean(), SETTING_DEFAULTS.validateBeforeSend),
    signIQChannelsPayloads: z.catch(z.boolean(), SETTING_DEFAULTS.signIQChannelsPayloads),
  }),
);
export type PayloadSettings = z.infer<typeof payloadSettingsSchema>;

export const codeLensEnabledSchema = shape((z) => z.catch(z.boolean(), SETTING_DEFAULTS.codeLensEnabled));

/** webhookStudio.listen.*: the listener's port, verifying account, reply, forwarding and history. */
export const listenSettingsSchema = shape((z) =>
  z.object({
    port: z.catch(z.int().check(z.gte(0), z.lte(65535)), DEFAULT_LISTEN_PORT),
    account: z.catch(z.string(), ''),
    toleranceSeconds: z.catch(z.int().check(z.gte(0)), DEFAULT_TOLERANCE_SECONDS),
    replyStatus: z.catch(z.int().check(z.gte(100), z.lte(599)), DEFAULT_REPLY.status),
    replyBody: z.catch(z.string(), DEFAULT_REPLY.body),
    forwardTo: z.catch(z.string(), ''),
    historySize: z.catch(z.int().check(z.gte(1), z.lte(10000)), SETTING_DEFAULTS.listenHistorySize),
    maxStoredBodyKB: z.catch(z.int().check(z.gte(1)), SETTING_DEFAULTS.listenMaxStoredBodyKB),
  }),
);
export type ListenSettings = z.infer<typeof listenSettingsSchema>;

/** webhookStudio.listen.fixturesFolder: where new fixtures go; '' until the user picks one. */
export const fixturesFolderSchema = shape((z) => z.catch(z.string(), ''));

export interface SettingsProblem {
  setting: string;
  message: string;
}

/** Parses a list setting entry by entry: good entries are kept, bad ones reported with their index. */
export function parseList<T>(setting: string, raw: unknown, schema: z.ZodMiniType<T>): { items: T[]; problems: SettingsProblem[] } {
  const items: T[] = [];
  const problems: SettingsProblem[] = [];
  if (raw === undefined || raw === null) return { items, problems };
  if (!Array.isArray(raw)) return { items, problems: [{ setting, message: `${setting} must be a list` }] };
  raw.forEach((entry, index) => {
    const parsed = schema.safeParse(entry);
    if (parsed.success) items.push(parsed.data);
    else
      problems.push({ setting, message: `${setting}[${index}]: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'entry'}: ${i.message}`).join('; ')}` });
  });
  return { items, problems };
}

/** Accounts from the setting; with none configured, the default Chat2Desk account. */
export function parseAccounts(raw: unknown): { items: Account[]; problems: SettingsProblem[] } {
  const parsed = parseList('webhookStudio.accounts', raw, accountSchema);
  const names = new Set<string>();
  const items = parsed.items.filter((a) => {
    if (names.has(a.name)) {
      parsed.problems.push({
        setting: 'webhookStudio.accounts',
        message: `webhookStudio.accounts: the name "${a.name}" is used twice; the second entry is ignored`,
      });
      return false;
    }
    names.add(a.name);
    return true;
  });
  return { items: items.length > 0 ? items : [{ name: 'Chat2Desk', apiBaseUrl: DEFAULT_API_BASE_URL }], problems: parsed.problems };
}

/**
 * The accounts setting, parsed once per change (not on every read), its problems reported once each:
 * a bad entry is one log line, not one per refresh.
 */
export class AccountsSetting {
  private parsed: Account[] | undefined;
  private reported = new Set<string>();

  constructor(
    private readonly read: () => unknown,
    private readonly report: (problem: SettingsProblem) => void,
  ) {}

  list(): Account[] {
    if (!this.parsed) {
      const { items, problems } = parseAccounts(this.read());
      const current = new Set(problems.map((p) => p.message));
      for (const problem of problems) if (!this.reported.has(problem.message)) this.report(problem);
      this.reported = current;
      this.parsed = items;
    }
    return this.parsed;
  }

  /** The setting changed: parse again on the next read. */
  invalidate(): void {
    this.parsed = undefined;
  }
}
