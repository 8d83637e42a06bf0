// Runtime shapes of the extension's settings. Settings are user-edited JSON: every read goes through
// these schemas, and a bad entry is reported by name instead of breaking a command.
import type * as z from 'zod/mini';
import { BODY_FORMATS } from './provider';
import { shape } from './shapes';
import { DEFAULT_TIMEOUT_SECONDS, MAX_TIMEOUT_SECONDS } from './send';

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

export const bodyFormatSchema = shape((z) => z.catch(z.enum(BODY_FORMATS), 'compact'));
export const timeoutSecondsSchema = shape((z) => z.catch(z.number().check(z.gte(1), z.lte(MAX_TIMEOUT_SECONDS)), DEFAULT_TIMEOUT_SECONDS));

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
