// Insert Signature Check: the verify function and the framework's guard, cut from the scaffold templates
// (their `signature-check` and `signature-guard` regions), so a snippet and a scaffold never disagree.
import type { ScaffoldFramework } from './frameworks';
import type { TemplateSource } from './templates';

/** The lines between `#region <name>` and the next `#endregion` (any comment style), dedented. */
export function templateRegion(text: string, name: string, template = ''): string {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => new RegExp(`#\\s*region ${name}\\s*$`).test(line));
  const end = lines.findIndex((line, index) => index > start && /#\s*endregion\b/.test(line));
  if (start < 0 || end < 0) throw new Error(`${template}: no "${name}" region`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((line) => line.trim()).map((line) => /^\s*/.exec(line)![0].length));
  return body.map((line) => line.slice(indent)).join('\n');
}

/**
 * TypeScript to JavaScript for the shared Node region: its only annotations are on function parameters
 * (`name?: string | null`), which are dropped (test/unit/core/kit/scaffold.test.ts runs the result as JavaScript).
 */
export function withoutParameterTypes(code: string): string {
  return code
    .split('\n')
    .map((line) => (/^(export )?(async )?function /.test(line) ? line.replace(/(\w+)\??: [\w|<>. ]+?(?=[,)])/g, '$1') : line))
    .join('\n');
}

export interface InsertOptions {
  /** The editor's language id: javascript gets the TypeScript region without types. */
  language: string;
  /** The document's text: a CommonJS file gets require() instead of import. */
  documentText?: string;
}

/** The verify function and the guard Insert Signature Check puts at the cursor for this framework. */
export function signatureCheckParts(framework: ScaffoldFramework, templates: TemplateSource, options: InsertOptions): { verify: string; guard: string } {
  const region = (template: string, name: string) => templateRegion(templates(template), name, template);
  // The snippet lives in the user's file: what the template exports for its other modules stays local.
  let verify = region(framework.check.verify, 'signature-check').replace(/^export (?=(async )?function |const |class )/gm, '');
  if (options.language === 'javascript') verify = withoutParameterTypes(verify);
  const text = options.documentText ?? '';
  if (options.language === 'javascript' && /\brequire\(/.test(text) && !/^\s*import\s/m.test(text))
    verify = verify.replace(/^import \{([^}]+)\} from ('[^']+');$/gm, 'const {$1} = require($2);');
  return { verify, guard: region(framework.check.guard, 'signature-guard') };
}

export function signatureCheckText(framework: ScaffoldFramework, templates: TemplateSource, options: InsertOptions): string {
  const { verify, guard } = signatureCheckParts(framework, templates, options);
  return `${verify}\n\n${guard}\n`;
}
