// Generates protocol/types.ts from the JSON Schemas, so the TypeScript types can never drift from
// the schemas the bridge validates with. `npm run protocol:types` writes the file; a test checks it.
import { compile } from 'json-schema-to-typescript';
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
export const typesFile = path.join(here, 'types.ts');

const banner = `// Generated from protocol/schemas by protocol/generate-types.ts. Do not edit by hand:
// change the schema, then run \`npm run protocol:types\`.`;

export async function generateTypes(): Promise<string> {
  // One root that reaches every top-level schema, so shared definitions are declared once.
  const root = {
    title: 'ProtocolV1',
    type: 'object',
    additionalProperties: false,
    properties: {
      widget: { $ref: './widget-message.schema.json' },
      server: { $ref: './server-message.schema.json' },
      client: { $ref: './client-message.schema.json' },
      apiState: { $ref: './api-state.schema.json' },
      themeList: { $ref: './theme-list.schema.json' },
      themeJson: { $ref: './theme-json.schema.json' },
    },
  };
  return compile(root as never, 'ProtocolV1', {
    cwd: path.join(here, 'schemas'),
    bannerComment: banner,
    additionalProperties: false,
    strictIndexSignatures: true,
    maxItems: -1,
    format: true,
    style: { singleQuote: true, printWidth: 100 },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(typesFile, await generateTypes());
  console.log(`wrote ${path.relative(process.cwd(), typesFile)}`);
}
