// ajv and its formats: about 140 KB, needed only when a payload is checked against the schemas.
// validate.ts requires this module on first use; the extension ships it as a second bundle
// (dist/ajv-engine.js, see esbuild.mjs), so activation never loads it.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

/** Strict ajv with every error reported, the formats the schemas use, and the editor-only keywords allowed. */
export function createAjv(editorKeywords: readonly string[]): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  ajv.addVocabulary([...editorKeywords]);
  return ajv;
}
