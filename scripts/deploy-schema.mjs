// Writes schemas/hypernix.schema.json, the JSON Schema of hypernix.yaml for editors, from the zod
// schema in src/config/deploy.ts (through the bundled CLI: `hypernix deploy schema`).
// Run after `npm run bundle`: node scripts/deploy-schema.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';

const text = execFileSync(process.execPath, ['dist/cli/index.js', 'deploy', 'schema'], {
  encoding: 'utf8',
});
JSON.parse(text); // whole, or nothing is written
mkdirSync('schemas', { recursive: true });
writeFileSync('schemas/.hypernix.schema.json.new', text);
renameSync('schemas/.hypernix.schema.json.new', 'schemas/hypernix.schema.json');
