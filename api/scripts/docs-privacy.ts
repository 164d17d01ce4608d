// `npm run docs:privacy`: writes the privacy guide (api/src/domains/privacy/guide.ts) into docs/privacy.md.
import fs from 'node:fs';
import path from 'node:path';
import { withGuide } from '../src/domains/privacy/guide';

const file = path.resolve(__dirname, '..', '..', 'docs', 'privacy.md');
fs.writeFileSync(file, withGuide(fs.readFileSync(file, 'utf8')));
console.log(`wrote the privacy guide into ${file}`);
