import { readFileSync } from 'node:fs';

// The bundle gets its version written in at build time (build/bundle.js); tsc's
// output and the tests read package.json, one level above both src/ and dist/.
declare const __KIOSQUE_VERSION__: string | undefined;

function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

export const VERSION: string = typeof __KIOSQUE_VERSION__ === 'string' ? __KIOSQUE_VERSION__ : packageVersion();
export const USER_AGENT = `kiosque/${VERSION} (terminal news reader; +https://www.npmjs.com/package/kiosque)`;
