import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configJsonSchema, configSchemaId, maestroRepository } from '../../../src/core/config/json-schema.js';

// The schema's URL must name a file that exists: the committed schema, served raw from the
// repository the example workflows install Maestro from.
describe('the config schema’s URL', () => {
  const schema = configJsonSchema() as { $id: string; $schema: string; title: string; description: string };
  const raw = /^https:\/\/raw\.githubusercontent\.com\/([^/]+\/[^/]+)\/main\/(.+)$/.exec(schema.$id);

  it('is a raw URL of this repository’s committed schema file, with the same content', () => {
    expect(raw, schema.$id).not.toBeNull();
    const [, repository, path = ''] = raw!;
    expect(repository).toBe(maestroRepository);
    expect(existsSync(path), path).toBe(true);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(configJsonSchema());
  });

  it('names the repository the example workflows use', () => {
    for (const file of readdirSync('examples/workflows')) {
      const text = readFileSync(join('examples/workflows', file), 'utf8');
      for (const [, repository] of text.matchAll(/uses:\s*([\w.-]+\/maestro)@/g)) {
        expect(repository, file).toBe(maestroRepository);
      }
    }
  });

  it('is SchemaStore-ready: draft-07, a title and a description', () => {
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.title).toContain('.github/maestro.yml');
    expect(schema.description.length).toBeGreaterThan(20);
  });

  it('is the URL the docs give editors, and the dead package URL is gone', () => {
    const docs = readFileSync('docs/configuration.md', 'utf8');
    expect(docs).toContain(`# yaml-language-server: $schema=${configSchemaId}`);
    expect(docs).toContain('"fileMatch"');
    for (const file of ['README.md', 'docs/configuration.md', 'schema/maestro.schema.json']) {
      expect(readFileSync(file, 'utf8'), file).not.toContain('unpkg.com/maestro-bot');
    }
  });
});
