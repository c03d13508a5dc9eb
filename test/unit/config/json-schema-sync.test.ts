import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { docsPath, renderConfigDocs, schemaFileText, schemaPath } from '../../../scripts/write-schema.js';
import { configJsonSchema } from '../../../src/core/config/json-schema.js';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const stale = (path: string) =>
  `${path} is out of date with src/core/config/config-schema.ts: run \`npm run docs:config\``;

describe('generated config files', () => {
  it('schema/maestro.schema.json matches configJsonSchema()', () => {
    expect(JSON.parse(read(schemaPath)), stale(schemaPath)).toEqual(configJsonSchema());
    expect(read(schemaPath), stale(schemaPath)).toBe(schemaFileText());
  });

  it('docs/configuration.md matches the schema', () => {
    expect(read(docsPath) === renderConfigDocs(), stale(docsPath)).toBe(true);
  });
});

describe('configJsonSchema', () => {
  const schema = configJsonSchema() as {
    $id: string;
    title: string;
    required?: string[];
    additionalProperties: boolean;
    properties: Record<
      string,
      { required?: string[]; default?: unknown; properties?: Record<string, unknown> }
    >;
  };

  it('names itself', () => {
    expect(schema.$id).toMatch(/maestro\.schema\.json$/);
    expect(schema.title).toContain('.github/maestro.yml');
  });

  it('requires no key, since every key has a default', () => {
    expect(schema.required).toBeUndefined();
    for (const section of Object.values(schema.properties)) expect(section.required).toBeUndefined();
  });

  it('refuses unknown keys', () => {
    expect(schema.additionalProperties).toBe(false);
  });

  it("lists the seed's checkpoint alias so editors accept it", () => {
    expect(schema.properties.orchestrator?.properties?.checkpoint_frequency).toMatchObject({
      enum: ['task', 'group', 'phase', 'phase_complete'],
      default: 'task',
    });
  });

  it('describes every key', () => {
    const undocumented: string[] = [];
    const visit = (node: unknown, path: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const { properties, additionalProperties } = node as {
        properties?: Record<string, unknown>;
        additionalProperties?: unknown;
      };
      for (const [key, child] of Object.entries(properties ?? {})) {
        if (!(child as { description?: string }).description) undocumented.push(`${path}${key}`);
        visit(child, `${path}${key}.`);
      }
      visit(additionalProperties, `${path}<name>.`);
    };
    visit(schema, '');
    expect(undocumented).toEqual([]);
  });
});
