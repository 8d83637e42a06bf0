// Drives the real VS Code workbench (code-server 4.139 = VS Code 1.139, with the packaged VSIX
// installed) in headless Chromium through playwright-core: real clicks and keystrokes, a fresh user
// data folder, extensions folder and browser profile for every workbench.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ensureVsCodeHost, isolatedEnv, launchWorkbenchBrowser, parseVsCodeVersion, repoRoot, workbenchContext } from '../harness/vscode-host';
import { freePort } from '../support/ports';
import { installVsix } from '../harness/vsix';

/** User settings every UI workbench starts with: no welcome page, tips or chat panel in the way. */
const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'files.autoSave': 'off',
};

/**
 * Machine settings (the server's, which the extension host reads for machine-scoped settings such as
 * this one): the walkthrough opens by itself on the first start, and only the newcomer's workbench wants it.
 */
const BASE_MACHINE_SETTINGS = { 'workbench.welcomePage.walkthroughs.openOnInstall': false };

export interface WorkbenchOptions {
  vsix: string;
  settings?: Record<string, unknown>;
  /**
   * A newcomer's workbench: a fresh profile with none of the settings above (the Welcome page as VS Code
   * shows it, walkthroughs opening on install), an empty folder, opened untrusted (Restricted Mode, as
   * code-server opens folders).
   */
  newcomer?: boolean;
  /** Steps' screenshots go here; the caller keeps them when a test fails. */
  screenshotsDir: string;
}

export class Workbench {
  private shot = 0;
  private constructor(
    readonly page: Page,
    readonly workspace: string,
    private readonly browser: Browser,
    private readonly stopServer: () => void,
    private readonly scratch: string,
    private readonly screenshotsDir: string,
  ) {}

  static async open(options: WorkbenchOptions): Promise<Workbench> {
    // 1.139 by default; WEBHOOK_STUDIO_UI_VSCODE=1.90 drives the engines floor (a provisioned 1.90 host).
    const host = ensureVsCodeHost(parseVsCodeVersion(process.env.WEBHOOK_STUDIO_UI_VSCODE ?? '1.139'));
    const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-ui-'));
    const workspace = join(scratch, 'workspace');
    if (options.newcomer) mkdirSync(workspace, { recursive: true });
    else cpSync(join(repoRoot, 'test', 'workspace'), workspace, { recursive: true });
    const dataDir = join(scratch, 'data');
    const extensionsDir = join(scratch, 'extensions');
    installVsix(options.vsix, host, extensionsDir, scratch);
    mkdirSync(join(dataDir, 'User'), { recursive: true });
    writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify({ ...(options.newcomer ? {} : BASE_SETTINGS), ...options.settings }, null, 2));
    if (!options.newcomer) {
      mkdirSync(join(dataDir, 'Machine'), { recursive: true });
      writeFileSync(join(dataDir, 'Machine', 'settings.json'), JSON.stringify(BASE_MACHINE_SETTINGS, null, 2));
    }

    const port = await freePort();
    const env = isolatedEnv(join(scratch, 'home'));
    const server = spawn(
      host.node,
      [
        host.codeServerCli,
        '--auth',
        'none',
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        ...(options.newcomer ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--user-data-dir',
        dataDir,
        '--extensions-dir',
        extensionsDir,
        workspace,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env },
    );
    const stopServer = () => {
      try {
        process.kill(-server.pid!, 'SIGTERM');
      } catch {
        /* already gone */
      }
    };
    let log = '';
    server.stdout!.on('data', (d) => (log += d));
    server.stderr!.on('data', (d) => (log += d));
    const deadline = Date.now() + 60_000;
    while (!/HTTP server listening/.test(log)) {
      if (server.exitCode !== null || Date.now() > deadline) {
        stopServer();
        throw new Error(`code-server did not start (exit ${server.exitCode}):\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const browser = await launchWorkbenchBrowser(host, env);
    const page = await (await workbenchContext(browser, `http://127.0.0.1:${port}`, { viewport: { width: 1400, height: 900 } })).newPage();
    // The workbench's errors (extension host failures included) are kept beside the screenshots.
    page.on('console', (message) => {
      if (message.type() === 'error') appendFileSync(join(options.screenshotsDir, 'console-errors.log'), `${message.text()}\n`);
    });
    mkdirSync(options.screenshotsDir, { recursive: true });
    const workbench = new Workbench(page, workspace, browser, stopServer, scratch, options.screenshotsDir);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // An empty folder has no rows: the newcomer's test waits for what it expects (the walkthrough).
    if (!options.newcomer) await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
    await workbench.screenshot('workbench-ready');
    return workbench;
  }

  async screenshot(step: string): Promise<string> {
    const path = join(this.screenshotsDir, `${String(++this.shot).padStart(2, '0')}-${step.replace(/[^\w-]+/g, '-')}.png`);
    await this.page.screenshot({ path }).catch(() => undefined);
    return path;
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    this.stopServer();
    rmSync(this.scratch, { recursive: true, force: true, maxRetries: 3 });
  }

  /** Polls `probe` until it holds (what a person waits for by looking), or fails after `timeoutMs`. */
  async until(what: string, probe: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  // ----- what a user does -----

  /** The quick input (palette, input box, quick pick) when it is open. */
  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /**
   * F1, type a command's title, Enter. Contributions can reach the palette a moment after the
   * workbench shows, so a title not listed yet is tried again.
   */
  async runCommand(title: string): Promise<void> {
    const row = this.quickInput.locator('.monaco-list-row', { hasText: title }).first();
    for (let attempt = 0; ; attempt++) {
      await this.page.keyboard.press('F1');
      await this.quickInput.locator('input').waitFor({ state: 'visible' });
      await this.page.keyboard.type(title);
      try {
        await row.waitFor({ timeout: 3_000 });
        break;
      } catch (error) {
        await this.page.keyboard.press('Escape');
        if (attempt > 10) throw error;
      }
    }
    await this.page.keyboard.press('Enter');
  }

  /**
   * Waits for an input box or quick pick whose title or prompt mentions `text` (not its list: the
   * palette that opened it lists the command's title too).
   */
  async waitForQuickInput(text: string | RegExp): Promise<void> {
    await this.quickInput.locator('.quick-input-title, .quick-input-message', { hasText: text }).first().waitFor({ state: 'visible' });
  }

  /** Types into the open quick input (replacing what it holds) and presses Enter. */
  async typeAndEnter(text: string): Promise<void> {
    const input = this.quickInput.locator('input.input');
    await input.waitFor({ state: 'visible' });
    await input.press('ControlOrMeta+A');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** Sets the account's API token as a user does: the palette's Set Chat2Desk API Token, then its input box. */
  async setTokenFromPalette(token: string): Promise<void> {
    await this.runCommand('Webhook Studio: Set Chat2Desk API Token');
    await this.waitForQuickInput(/token/i);
    await this.typeAndEnter(token);
  }

  /** What the open quick input's box holds (what the user typed reached it, or not). */
  async quickInputValue(): Promise<string> {
    return this.quickInput.locator('input.input').inputValue();
  }

  /** The label of the quick pick row the keyboard is on. */
  async focusedRow(): Promise<string> {
    return this.quickInput.locator('.monaco-list-row.focused').first().innerText();
  }

  /** A walkthrough step (its title, and when it is the open step, its description and button). */
  walkthroughStep(title: string): Locator {
    return this.page.locator('.getting-started-step', { hasText: title }).first();
  }

  /** The button of a walkthrough step: visible only while that step is the open one. */
  walkthroughButton(step: string, button: string): Locator {
    return this.walkthroughStep(step).getByRole('button', { name: button });
  }

  /** Whether the walkthrough shows the step as done. */
  async walkthroughStepDone(title: string): Promise<boolean> {
    return (await this.walkthroughStep(title).locator('.codicon-pass-filled, .complete').count()) > 0;
  }

  /** Clicks the quick pick row with this label. */
  async pick(label: string | RegExp): Promise<void> {
    const row = this.quickInput.locator('.monaco-list-row', { hasText: label }).first();
    await row.waitFor({ state: 'visible' });
    await row.click();
  }

  /** A button in the side bar (welcome content, view title actions are links with aria-labels). */
  button(name: string): Locator {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Opens a view container from the activity bar by its title. */
  async openActivity(title: string): Promise<void> {
    await this.page.locator(`.activitybar .action-item a[aria-label^="${title}"]`).first().click();
  }

  /** The rows of the side bar's tree view with this title. */
  treeRows(viewTitle: string): Locator {
    return this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: viewTitle }) }).locator('.monaco-list-row');
  }

  /**
   * A view's title action by its tooltip: in the view's header, or in the side bar's title when the
   * view is alone in its container (VS Code then hides the header and shows its actions there).
   */
  async clickViewAction(viewTitle: string, action: string): Promise<void> {
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: viewTitle }) });
    const header = pane.locator('.pane-header:not(.hidden)');
    if (await header.count()) {
      await header.hover();
      await header.locator(`.action-label[aria-label^="${action}"]`).first().click();
    } else {
      await this.page.locator(`.part.sidebar .title-actions .action-label[aria-label^="${action}"]`).first().click();
    }
  }

  /** Right-clicks `target` and chooses a context menu entry. */
  async contextMenu(target: Locator, entry: string): Promise<void> {
    await target.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    const item = menu.locator('.action-item', { hasText: entry }).first();
    await item.waitFor({ state: 'visible' });
    // VS Code's menu takes an item on mouse up after the pointer moved onto it, as a hand does.
    await item.hover();
    await item.locator('.action-menu-item').click({ delay: 50 });
    if (await menu.isVisible().catch(() => false)) await this.page.keyboard.press('Enter');
  }

  /** The button of the open modal dialog. */
  async clickDialogButton(label: string): Promise<void> {
    await this.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button', { hasText: label }).first().click();
  }

  /** A notification toast containing `text`. */
  notification(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  }

  /** Clicks the button named `name` in the webview (an iframe inside the workbench) that shows one. */
  async clickInWebview(name: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames().filter((f) => f !== this.page.mainFrame())) {
        const button = frame.getByRole('button', { name, exact: true }).first();
        if (await button.isVisible().catch(() => false)) return button.click();
      }
      if (Date.now() > deadline) throw new Error(`no webview shows the button ${name}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  /** The text of the webview (an iframe inside the workbench) whose document contains `text`. */
  async webviewText(text: string | RegExp, timeoutMs = 30_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames().filter((f) => f !== this.page.mainFrame())) {
        const body = await frame
          .locator('body')
          .innerText({ timeout: 1_000 })
          .catch(() => '');
        if (typeof text === 'string' ? body.includes(text) : text.test(body)) return body;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${text}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/**
 * A user's actions, counted as a user counts them: each click, each typed string, each key chord is one
 * (a palette command is three: F1, its title, Enter). What they typed is kept; a screenshot after each.
 */
export class UserActions {
  count = 0;
  readonly typed: string[] = [];
  readonly steps: string[] = [];
  constructor(private readonly workbench: () => Workbench) {}

  async click(what: string, target: Locator): Promise<void> {
    await this.act(`click ${what}`, () => target.click());
  }

  /** Types `text` at human pace (a key every 30 ms, so a focus moved meanwhile loses keys as it would for a person). */
  async type(text: string, shown = text): Promise<void> {
    this.typed.push(text);
    await this.act(`type ${shown}`, () => this.workbench().page.keyboard.type(text, { delay: 30 }));
  }

  async press(chord: string): Promise<void> {
    await this.act(chord, () => this.workbench().page.keyboard.press(chord));
  }

  /** F1, the command's title, Enter: three actions (the driver's retries while the palette fills are not the user's). */
  async runCommand(title: string): Promise<void> {
    this.typed.push(title);
    this.count += 3;
    this.steps.push('F1', `type ${title}`, 'Enter');
    await this.workbench().runCommand(title);
    await this.workbench().screenshot(`action-${this.count}-${title}`);
  }

  private async act(what: string, run: () => Promise<void>): Promise<void> {
    this.count++;
    this.steps.push(what);
    await run();
    await this.workbench().screenshot(`action-${this.count}-${what}`);
  }
}
