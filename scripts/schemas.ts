/**
 * npm run schemas: writes the JSON Schemas generated from src/schemas/ into schemas/json/
 * (for editors; see CONTRIBUTING.md). A test fails when the committed files are stale.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { JSON_SCHEMA_DIR, jsonSchemaFiles } from '../src/pipeline/json-schema.ts';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.join(root, JSON_SCHEMA_DIR);
const files = jsonSchemaFiles(root);
mkdirSync(dir, { recursive: true });
for (const old of readdirSync(dir)) if (old.endsWith('.schema.json') && !(old in files)) rmSync(path.join(dir, old));
for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
console.log(`wrote ${Object.keys(files).length} JSON Schemas to ${JSON_SCHEMA_DIR}/: ${Object.keys(files).join(', ')}`);
