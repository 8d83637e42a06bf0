// Drives the real VS Code workbench (code-server 4.139 = VS Code 1.139, with the packaged VSIX
// installed) in headless Chromium through playwright-core: real clicks and keystrokes, a fresh user
// data folder, extensions folder and browser profile for every workbench.
import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { ensureVsCodeHost, isolatedEnv, launchWorkbenchBrowser, repoRoot, workbenchContext } from '../harness/vscode-host';
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

export interface WorkbenchOptions {
  vsix: string;
  settings?: Record<string, unknown>;
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
    const host = ensureVsCodeHost('1.139');
    const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-ui-'));
    const workspace = join(scratch, 'workspace');
    cpSync(join(repoRoot, 'test', 'workspace'), workspace, { recursive: true });
    const dataDir = join(scratch, 'data');
    const extensionsDir = join(scratch, 'extensions');
    installVsix(options.vsix, host, extensionsDir, scratch);
    mkdirSync(join(dataDir, 'User'), { recursive: true });
    writeFileSync(join(dataDir, 'User', 'settings.json'), JSON.stringify({ ...BASE_SETTINGS, ...options.settings }, null, 2));

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
        '--disable-workspace-trust',
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
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 60_000 });
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

/** A user's actions, counted, with what they typed and a screenshot after each. */
export class UserActions {
  count = 0;
  readonly typed: string[] = [];
  constructor(private readonly workbench: () => Workbench) {}

  /** One action; `text` when the user typed something. */
  async act(what: string, run: () => Promise<void>, text?: string): Promise<void> {
    this.count++;
    if (text !== undefined) this.typed.push(text);
    await run();
    await this.workbench().screenshot(`action-${this.count}-${what}`);
  }
}
