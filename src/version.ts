import { readFileSync } from 'node:fs';

// package.json sits one level above both src/ (tests) and dist/ (built code).
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const VERSION: string = packageJson.version;
export const USER_AGENT = `kiosque/${VERSION} (terminal news reader; +https://www.npmjs.com/package/kiosque)`;
