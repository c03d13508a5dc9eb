import { z } from 'zod';
import { checkpointFrequencyAliases, checkpointFrequencySchema, configSchema } from './config-schema.js';

/** Where the published schema lives: the npm package ships `schema/` (package.json "files"). */
export const configSchemaId = 'https://unpkg.com/maestro-bot/schema/maestro.schema.json';

/**
 * The JSON Schema of `.github/maestro.yml` for editors, generated from `configSchema`. It describes
 * the input side (what may be written), so keys with defaults are not required. Committed as
 * `schema/maestro.schema.json` by `npm run docs:config`; a test keeps the two in sync.
 */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: 'input', override: tidy });
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
