// What happens after a create/update/delete fails: the user picks Retry (the same operation with the
// same input), Edit (back to the form, their input filled in) or nothing. No vscode import: the
// commands pass the question as a function, the tests a scripted answer.

export type AfterFailure = 'retry' | 'edit' | undefined;

export type Outcome<T> = { ok: true; value: T } | { ok: false; next: 'edit' | 'give-up' };

/** Runs `attempt` until it succeeds or the user stops retrying. `ask` gets each failure. */
export async function attemptWithRetry<T>(attempt: () => Promise<T>, ask: (error: unknown) => Promise<AfterFailure>): Promise<Outcome<T>> {
  for (;;) {
    try {
      return { ok: true, value: await attempt() };
    } catch (error) {
      const choice = await ask(error);
      if (choice === 'retry') continue;
      return { ok: false, next: choice === 'edit' ? 'edit' : 'give-up' };
    }
  }
}
