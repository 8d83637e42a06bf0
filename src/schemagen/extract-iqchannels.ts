// Reads the IQChannels "Webhooks API" page exports. Examples are top-level JSON objects that start
// with "{" and end with "}" in column 0; each belongs to the nearest heading above it.
import type { ExtractedExample } from './model';

/** English for the page's Russian headings (the page has no English version). */
export const IQCHANNELS_TITLES: Record<string, string> = {
  'Создано обращение': 'A chat (support request) was created',
  'Назначено обращение': 'A chat was assigned to an operator',
  'Печатается сообщение': 'Someone is typing a message',
  'Клиент печатает сообщение': 'The client is typing a message',
  'Создано сообщение': 'A message was created',
  'Создано сообщение от клиента': 'A message from the client was created',
  'Создано сообщение с цитированием от оператора': 'An operator replied quoting a message',
  'Создано сообщение от оператора': 'A message from an operator was created',
  'Создано сообщение от оператора с файлом': 'An operator sent a file',
  'Получено сообщение': 'A message was received (delivered)',
  'Прочитано сообщение': 'A message was read',
  'Прослушано сообщение': 'A voice message was listened to',
  'Удалены сообщения': 'Messages were deleted',
  'Закрыто обращение': 'A chat was closed',
  'Оператор закрыл обращение': 'An operator closed the chat',
};

/** Variant names of the examples of events documented more than once, by their heading. */
const VARIANTS: Record<string, string> = {
  'Создано сообщение от клиента': 'client',
  'Создано сообщение с цитированием от оператора': 'operator-reply',
  'Создано сообщение от оператора': 'operator',
  'Создано сообщение от оператора с файлом': 'operator-file',
};

const SKIPPED_LINES = new Set(['Пример', 'Code Block', 'languagejs', '...', '']);

export function extractIqChannels(text: string, origin: string): ExtractedExample[] {
  const lines = text.split('\n');
  const examples: ExtractedExample[] = [];
  let section: { title: string; event: string } | undefined;
  let heading: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    // The export has non-breaking spaces in headings: fold all whitespace.
    const line = lines[i].replace(/\s+/g, ' ').trim();
    const sectionMatch = /^(.+?)\s+-\s+"([\w-]+)"$/.exec(line);
    if (sectionMatch) {
      section = { title: sectionMatch[1], event: sectionMatch[2] };
      heading = sectionMatch[1];
      continue;
    }
    if (lines[i].trimEnd() === '{') {
      let end = i + 1;
      while (end < lines.length && lines[end].trimEnd() !== '}') end++;
      if (end === lines.length) throw new Error(`${origin}:${i + 1}: an example starts here but never ends`);
      const body = lines.slice(i, end + 1).join('\n');
      const event = /"Type"\s*:\s*"([\w-]+)"/.exec(body)?.[1];
      if (!event) throw new Error(`${origin}:${i + 1}: the example has no ChatEvent.Type`);
      const title = heading ?? section?.title ?? event;
      examples.push({
        provider: 'iqchannels',
        event,
        variant: VARIANTS[title],
        title,
        description: `${IQCHANNELS_TITLES[title] ?? title} (${title})`,
        origin: `${origin}:${i + 1}`,
        text: body,
      });
      heading = undefined;
      i = end;
      continue;
    }
    if (!SKIPPED_LINES.has(line) && !line.startsWith('"') && !/^[{}[\],\d-]/.test(line) && /[А-Яа-яЁё]/.test(line) && line.length < 80) heading = line;
  }
  return examples;
}
