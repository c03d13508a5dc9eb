import { z } from 'zod';
import { checkpointFrequencyAliases, checkpointFrequencySchema, configSchema } from './config-schema.js';

/**
 * The repository that publishes Maestro, as the example workflows name it (`uses: OWNER/maestro`):
 * a placeholder until the project is published, replaced there and here together.
 */
export const maestroRepository = 'OWNER/maestro';

/**
 * Where the schema resolves: the committed `schema/maestro.schema.json` on the default branch, served
 * raw from the repository itself — so the `$id`, the editors' `$schema=` line and a SchemaStore
 * catalog entry all name a file that exists (no package-registry mirror that may not).
 */
export const configSchemaId = `https://raw.githubusercontent.com/${maestroRepository}/main/schema/maestro.schema.json`;

/** The file names a SchemaStore catalog entry (and editors' `yaml.schemas`) should match. */
export const configFileMatch = ['**/.github/maestro.yml', '**/.github/maestro.yaml'];

/**
 * The JSON Schema of `.github/maestro.yml` for editors, generated from `configSchema`. It describes
 * the input side (what may be written), so keys with defaults are not required. Committed as
 * `schema/maestro.schema.json` by `npm run docs:config`; a test keeps the two in sync.
 */
export function configJsonSchema(): Record<string, unknown> {
  // Draft-07: what SchemaStore recommends and every YAML/JSON language server implements fully.
  const generated = z.toJSONSchema(configSchema, { io: 'input', target: 'draft-7', override: tidy });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: configSchemaId,
    title: 'Maestro configuration (.github/maestro.yml)',
    ...rest,
    description:
      'Configuration of Maestro, read from .github/maestro.yml on the default branch. Every key is optional; omitted keys take their defaults. Unknown keys are errors.',
  };
}

function tidy({
  zodSchema,
  jsonSchema,
}: {
  zodSchema: unknown;
  jsonSchema: z.core.JSONSchema.BaseSchema;
}): void {
  // `.int()` adds the safe-integer bounds; they say nothing to a reader.
  if (jsonSchema.maximum === Number.MAX_SAFE_INTEGER) delete jsonSchema.maximum;
  if (jsonSchema.minimum === Number.MIN_SAFE_INTEGER) delete jsonSchema.minimum;
  // The alias is mapped by a preprocess step, which JSON Schema cannot see: list it so editors accept it.
  if (zodSchema === checkpointFrequencySchema && jsonSchema.enum) {
    jsonSchema.enum = [...jsonSchema.enum, ...Object.keys(checkpointFrequencyAliases)];
  }
}
