import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { generateTypes, typesFile } from './generate-types.ts';

describe('protocol/types.ts', () => {
  it('is what the schemas generate (run `npm run protocol:types` after a schema change)', async () => {
    expect(await readFile(typesFile, 'utf8')).toBe(await generateTypes());
  });
});
