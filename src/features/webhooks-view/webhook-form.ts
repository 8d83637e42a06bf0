// The multi-step input for adding or editing a webhook, on VS Code's quick input: name, URL (checked
// as you type), events (the documented list with descriptions), channels (optional), each step after
// the first with a Back button. The steps and their rules are in webhook-form-flow.ts.
import * as vscode from 'vscode';
import type { WebhookInput } from '../../core/chat2desk/api';
import type { EventCatalogue } from '../../core/chat2desk/events';
import { describeError } from '../../core/errors';
import { parseEndpointUrl } from '../../core/send';
import { BACK, parseChannels, runWebhookForm, type StepAnswer, type StepInfo } from './webhook-form-flow';

export function askWebhookInput(catalogue: EventCatalogue, title: string, current?: Partial<WebhookInput>): Promise<WebhookInput | undefined> {
  let warning: string | undefined;
  const titled = (step: StepInfo) => `${title} (${step.index}/${step.count})`;
  return runWebhookForm(
    {
      name: (value, step) =>
        inputStep(titled(step), step, value, vscode.l10n.t('Name'), (v) => (v.trim() === '' ? vscode.l10n.t('Give the webhook a name') : undefined)),
      url: (value, step) =>
        inputStep(titled(step), step, value, vscode.l10n.t('URL on your server where Chat2Desk will POST events (https recommended)'), (v) => {
          try {
            parseEndpointUrl(v);
            return undefined;
          } catch (error) {
            return describeError(error);
          }
        }),
      channels: (value, step) =>
        inputStep(
          titled(step),
          step,
          value,
          vscode.l10n.t('Channel ids, comma separated. Empty: events of all channels (events not tied to a channel always arrive).'),
          (v) => (parseChannels(v) === 'invalid' ? vscode.l10n.t('Channel ids are whole numbers, e.g. 1123, 5813') : undefined),
        ),
      events: (selected, step) => {
        const shown = warning;
        warning = undefined;
        return eventsStep(catalogue, titled(step), step, selected, shown);
      },
      warn: (message) => {
        warning = message;
      },
    },
    current,
  );
}

function inputStep(title: string, step: StepInfo, value: string, prompt: string, validate: (value: string) => string | undefined): Promise<StepAnswer<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = title;
    box.value = value;
    box.prompt = prompt;
    box.ignoreFocusOut = true;
    box.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    let answer: StepAnswer<string>;
    const check = () => {
      box.validationMessage = validate(box.value);
    };
    const subscriptions = [
      box.onDidChangeValue(check),
      box.onDidAccept(() => {
        check();
        if (!box.validationMessage) {
          answer = box.value;
          box.hide();
        }
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          answer = BACK;
          box.hide();
        }
      }),
      box.onDidHide(() => {
        for (const s of subscriptions) s.dispose();
        box.dispose();
        resolve(answer);
      }),
    ];
    box.show();
    if (value !== '') check();
  });
}

type EventItem = vscode.QuickPickItem & { subscription: string };

function eventsStep(catalogue: EventCatalogue, title: string, step: StepInfo, selected: string[], warning: string | undefined): Promise<StepAnswer<string[]>> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<EventItem>();
    const items = catalogue.events.map((e) => ({
      label: e.subscription,
      subscription: e.subscription,
      description: e.hookType !== e.subscription ? vscode.l10n.t('payload hook_type: {0}', e.hookType) : undefined,
      detail: e.description,
    }));
    pick.title = title;
    pick.items = items;
    pick.canSelectMany = true;
    pick.ignoreFocusOut = true;
    pick.matchOnDetail = true;
    pick.placeholder = warning ?? vscode.l10n.t('Events that trigger the webhook');
    pick.buttons = step.canGoBack ? [vscode.QuickInputButtons.Back] : [];
    pick.selectedItems = items.filter((i) => selected.includes(i.subscription));
    let answer: StepAnswer<string[]>;
    const subscriptions = [
      pick.onDidAccept(() => {
        answer = pick.selectedItems.map((i) => i.subscription);
        pick.hide();
      }),
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          answer = BACK;
          pick.hide();
        }
      }),
      pick.onDidHide(() => {
        for (const s of subscriptions) s.dispose();
        pick.dispose();
        resolve(answer);
      }),
    ];
    pick.show();
    if (warning) void vscode.window.showWarningMessage(warning);
  });
}
