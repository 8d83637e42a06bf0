import * as assert from 'node:assert/strict';
import type { WebhookInput } from '../../../../src/core/chat2desk/api';
import { attemptWithRetry, type AfterFailure } from '../../../../src/features/webhooks-view/retry-flow';
import { BACK, runWebhookForm, type FormSteps, type StepAnswer } from '../../../../src/features/webhooks-view/webhook-form-flow';
import { Chat2DeskClient } from '../../../../src/core/chat2desk/api';
import { Chat2DeskSimulator } from '../../../../src/simulator/server';

type Script = { step: 'name' | 'url' | 'events' | 'channels'; expect: unknown; answer: StepAnswer<string | string[]> }[];

/** A person at the form: each step checks what it is shown, then answers. */
function scripted(script: Script): FormSteps & { warnings: string[]; done(): void } {
  const warnings: string[] = [];
  const answer = (step: Script[number]['step']) => async (shown: unknown) => {
    const next = script.shift();
    assert.ok(next, `unexpected step ${step}`);
    assert.equal(step, next.step);
    assert.deepEqual(shown, next.expect, `${step} shows what was typed before`);
    return next.answer as never;
  };
  return {
    warnings,
    name: answer('name'),
    url: answer('url'),
    events: answer('events'),
    channels: answer('channels'),
    warn: (m) => warnings.push(m),
    done: () => assert.deepEqual(script, []),
  };
}

describe('webhook form and retry', () => {
  it('no event picked is a soft error: name and URL are kept, the events step is asked again', async () => {
    const steps = scripted([
      { step: 'name', expect: '', answer: 'Orders' },
      { step: 'url', expect: 'https://', answer: 'https://h.example/c2d' },
      { step: 'events', expect: [], answer: [] },
      { step: 'events', expect: [], answer: BACK },
      { step: 'url', expect: 'https://h.example/c2d', answer: 'https://h.example/v2' },
      { step: 'events', expect: [], answer: ['inbox'] },
      { step: 'channels', expect: '', answer: BACK },
      { step: 'events', expect: ['inbox'], answer: ['inbox', 'outbox'] },
      { step: 'channels', expect: '', answer: '7, 8' },
    ]);
    const input = await runWebhookForm(steps);
    steps.done();
    assert.deepEqual(input, { name: 'Orders', url: 'https://h.example/v2', events: ['inbox', 'outbox'], channels: [7, 8] });
    assert.match(steps.warnings[0], /at least one event/);
  });

  it('edits start from the current values; cancel at any step gives nothing', async () => {
    const current: WebhookInput = { name: 'A', url: 'https://a.example', events: ['inbox'], channels: [1] };
    const steps = scripted([
      { step: 'name', expect: 'A', answer: 'B' },
      { step: 'url', expect: 'https://a.example', answer: undefined },
    ]);
    assert.equal(await runWebhookForm(steps, current), undefined);
    steps.done();
  });

  it('Retry after a failed create repeats it with the same input; Edit hands the input back', async () => {
    const simulator = new Chat2DeskSimulator({ token: 't' });
    try {
      const client = new Chat2DeskClient({ baseUrl: await simulator.start(), token: 't', timeoutMs: 2000 });
      const input = { name: 'Kept', url: 'https://kept.example/hook', events: ['inbox'] };
      simulator.injectFault({ kind: 'status', status: 500 }, { kind: 'status', status: 502 });
      const answers: AfterFailure[] = ['retry', 'retry'];
      const asked: string[] = [];
      const outcome = await attemptWithRetry(
        () => client.createWebhook(input),
        async (e) => {
          asked.push((e as Error).message);
          return answers.shift();
        },
      );
      assert.equal(outcome.ok, true);
      assert.equal(asked.length, 2);
      const posts = simulator.requests.filter((r) => r.method === 'POST');
      assert.equal(posts.length, 3);
      assert.ok(
        posts.every((p) => JSON.stringify(p.body) === JSON.stringify(input)),
        'the same input each time',
      );
      assert.ok(simulator.state.some((w) => w.name === 'Kept'));

      simulator.injectFault({ kind: 'status', status: 500 });
      assert.deepEqual(
        await attemptWithRetry(
          () => client.createWebhook(input),
          async () => 'edit',
        ),
        { ok: false, next: 'edit' },
      );
      simulator.injectFault({ kind: 'status', status: 500 });
      assert.deepEqual(
        await attemptWithRetry(
          () => client.createWebhook(input),
          async () => undefined,
        ),
        { ok: false, next: 'give-up' },
      );
    } finally {
      await simulator.stop();
    }
  });
});
