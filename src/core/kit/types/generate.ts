// Generates the typed payloads of the chosen platforms in one language: pure, deterministic (the same
// schemas and options give the same bytes), with the header that names the generator and schema version.
import { buildPlatformModel, type PlatformSources } from './build-model';
import { emitGo } from './emit-go';
import { emitPhp } from './emit-php';
import { emitPython } from './emit-python';
import { emitTypeScript } from './emit-typescript';
import { withHeader, type TypesLanguage, type TypesOptions } from './header';
import type { TypesModel } from './model';
import { readPlatformSources } from './sources';

const EMITTERS: Record<TypesLanguage, (model: TypesModel, options: TypesOptions) => string> = {
  ts: emitTypeScript,
  python: emitPython,
  php: emitPhp,
  go: emitGo,
};

export function generateTypes(sources: PlatformSources[], options: TypesOptions): string {
  const platforms = options.platforms.map((provider) => {
    const found = sources.find((s) => s.provider === provider);
    if (!found) throw new Error(`types: no schemas read for ${provider}`);
    return buildPlatformModel(found);
  });
  const body = EMITTERS[options.lang]({ platforms }, options);
  return withHeader(
    options,
    platforms.map((p) => p.schemaVersion),
    body,
  );
}

/** Reads the schemas the options name from a schemas folder (the extension's, or the CLI's) and generates. */
export function generateTypesFrom(schemasDir: string, options: TypesOptions): string {
  return generateTypes(
    options.platforms.map((provider) => readPlatformSources(schemasDir, provider)),
    options,
  );
}
