import * as assert from 'node:assert/strict';
import { renderStep, type RenderContext } from '../../../../src/core/suites/render';
import type { SendStep } from '../../../../src/core/suites/types';

const step = (patch: SendStep['patch']): SendStep =>
  ({ type: 'send', id: 's', label: 's', text: '{"hook_type":"inbox","message_id":1,"text":"hi"}', patch, expect: {} }) as unknown as SendStep;

describe('suite payload rendering', () => {
  it('{{unique}} is an integer (as the docs type message_id), new at every send, and never reused by a later run', () => {
    const patched = step([{ path: ['message_id'], pathText: '$.message_id', value: '{{unique}}' }]);
    // Fifty runs of two sends each, in a tight loop, as a watch mode or a CI matrix starts them: many share
    // a millisecond, and each starts its {{seq}} at 1 again. Every id still differs from every other.
    const ids: unknown[] = [];
    for (let run = 0; run < 50; run++) {
      const ctx: RenderContext = { vars: {}, seq: { next: 1 }, file: 'a.webhooks.json' };
      ids.push(...[renderStep(patched, ctx), renderStep(patched, ctx)].map((text) => JSON.parse(text).message_id));
    }
    for (const id of ids) assert.ok(Number.isSafeInteger(id), `${id} is a safe integer`);
    assert.equal(new Set(ids).size, ids.length, `all different: ${ids.join(', ')}`);
    const seqs = [1, 2].map(
      () =>
        JSON.parse(renderStep(step([{ path: ['message_id'], pathText: '$.message_id', value: '{{seq}}' }]), { vars: {}, seq: { next: 1 }, file: 'f' }))
          .message_id,
    );
    assert.deepEqual(seqs, [1, 1], '{{seq}} restarts each run: why ids a handler keeps between runs need {{unique}}');
  });
});
