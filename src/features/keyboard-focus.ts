// Quick picks and input boxes keep the keyboard when they open from the walkthrough. The walkthrough
// focuses the step it selects once its slide animation ends (250 ms), and it selects one on a click on a
// step's title, when this extension opens the next step, and on every Enter released inside a step: the
// Enter that accepts a list (its focus returns to the step that opened it) releases there, so the next
// list of a flow (the fixtures folder after the event) lost the keyboard a moment after it opened, and
// what the user typed went to the step. The workbench offers no way to give the focus back (its Focus
// Quick Open focuses a quick pick's list, not its filter), so lists opened from the walkthrough open
// after such a move, and this extension selects a step only while none of its lists is open.
import * as vscode from 'vscode';

/** The walkthrough focuses the step it selected after its slide animation (VS Code: 250 ms); with a margin. */
export const STEP_FOCUS_DELAY_MS = 320;
/** A quick input opened this soon after another closed continues a flow: no step is selected in between. */
const CHAIN_MS = 500;

interface FocusState {
  focusMovesUntil: number;
  /** A step being selected: when it settles, the workbench has scheduled its focus move. */
  moving: Promise<void> | undefined;
  inFlight: number;
  lastClosedAt: number;
  /** What waits for no list to be open, by what it does: only the latest of each waits. */
  waiting: Map<string, () => Promise<void>>;
  timer: ReturnType<typeof setTimeout> | undefined;
}
/**
 * One process-wide slot, not module variables: commands loaded as second bundles (esbuild.mjs) carry
 * their own copy of this module, and a list they open must count as open for the walkthrough too.
 */
const SLOT = Symbol.for('webhook-studio.keyboard-focus');
const state: FocusState = ((globalThis as { [SLOT]?: FocusState })[SLOT] ??= {
  focusMovesUntil: 0,
  moving: undefined,
  inFlight: 0,
  lastClosedAt: 0,
  waiting: new Map(),
  timer: undefined,
});

/**
 * Opens a quick pick or input box (`open`) once the walkthrough is done moving the focus: after a step
 * this extension selected, and, opened from the walkthrough (the active tab, of no kind the API knows),
 * after the step selected by the click or Enter just before.
 */
export async function withKeyboard<T>(open: () => Thenable<T>): Promise<T> {
  state.inFlight++;
  try {
    if (state.moving) await state.moving;
    const now = Date.now();
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    const fromWalkthrough = tab !== undefined && tab.input === undefined;
    const wait = Math.max(state.focusMovesUntil - now, fromWalkthrough ? STEP_FOCUS_DELAY_MS : 0);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    return await open();
  } finally {
    state.inFlight--;
    state.lastClosedAt = Date.now();
    schedule();
  }
}

/**
 * Runs `moveFocus` (it makes the workbench move the keyboard focus: it selects a walkthrough step, or
 * opens the walkthrough) once no list of this extension is open and none closed just before (the next
 * may follow at once). Only the latest of each `kind` waits: it decides what to do when it runs. Lists
 * opened in the 250 ms after it wait for the move.
 */
export function whenNoListIsOpen(kind: string, moveFocus: () => Thenable<unknown>): void {
  state.waiting.set(kind, async () => {
    state.moving = Promise.resolve(moveFocus()).then(
      () => undefined,
      () => undefined,
    );
    await state.moving;
    state.moving = undefined;
    // Done in the workbench by now: its focus moves at most 250 ms from here.
    state.focusMovesUntil = Date.now() + STEP_FOCUS_DELAY_MS;
  });
  schedule();
}

function schedule(): void {
  if (state.waiting.size === 0 || state.timer || state.inFlight > 0) return;
  state.timer = setTimeout(
    () => {
      state.timer = undefined;
      if (state.inFlight > 0) return; // the list closing reschedules
      if (Date.now() < state.lastClosedAt + CHAIN_MS) return schedule();
      const runs = [...state.waiting.values()];
      state.waiting.clear();
      void runs.reduce((done, run) => done.then(run), Promise.resolve());
    },
    Math.max(0, state.lastClosedAt + CHAIN_MS - Date.now()),
  );
}
