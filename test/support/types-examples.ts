// Every documented example of both platforms with its event and the payload type the generated code
// names for it, as the typed-payload checks feed them to each language's toolchain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '../../src/core/provider';
import { buildPlatformModel } from '../../src/core/kit/types/build-model';
import { readPlatformSources } from '../../src/core/kit/types/sources';

export interface DocumentedExample {
  provider: Provider;
  /** `Chat2Desk`, `IQChannels`: the prefix of the generated names. */
  platform: string;
  event: string;
  /** The example's file name in schemas/examples/<provider>/, e.g. `message_created.client.json`. */
  name: string;
  /** The generated payload type: `Chat2DeskInboxPayload`. */
  payloadType: string;
  value: Record<string, unknown>;
}

export function documentedExamples(schemasDir: string): DocumentedExample[] {
  return (['chat2desk', 'iqchannels'] as const).flatMap((provider) => {
    const model = buildPlatformModel(readPlatformSources(schemasDir, provider));
    const catalogue = JSON.parse(readFileSync(join(schemasDir, `${provider}.events.json`), 'utf8')) as {
      events: { hookType?: string; event?: string; examples: string[] }[];
    };
    const snippets = JSON.parse(readFileSync(join(schemasDir, `${provider}.snippets.json`), 'utf8')) as {
      snippets: { example: string; body: Record<string, unknown> }[];
    };
    return catalogue.events.flatMap((entry) => {
      const event = (entry.hookType ?? entry.event)!;
      const payloadType = model.events.find((e) => e.event === event)!.payload;
      return entry.examples.map((name) => {
        const snippet = snippets.snippets.find((s) => s.example === `examples/${provider}/${name}`);
        if (!snippet) throw new Error(`${provider}.snippets.json has no example ${name}`);
        return { provider, platform: model.displayName, event, name, payloadType, value: snippet.body };
      });
    });
  });
}
