// Tooltips are Markdown: text we did not write is escaped so it shows as written, never as a link,
// an image, HTML or code. The one escaping for every tree and MarkdownString of the extension.

/**
 * Outside text (API answers, what a webhook's sender or a handler wrote) as literal markdown: every ASCII
 * punctuation character escaped (no links, images, code, HTML or autolinks); line breaks, control and
 * bidi-override characters as spaces (they would end the table row, or reorder what the tooltip shows).
 */
export function escapeMarkdown(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}
