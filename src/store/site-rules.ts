import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteRules } from '../extract/site-hosts.js';
import { configDir } from './paths.js';

export interface LoadedSiteRules {
  rules: SiteRules;
  /** Where they were read from (whether or not the file exists). */
  path: string;
  /** Plain sentences for what was left out: a file that is not JSON, a rule or selector that cannot be used. */
  problems: string[];
}

/**
 * The reader's per-site rules, sites.json in the config folder (see src/extract/site-rules.ts for
 * its shape). No file is no rules (and loads no parser). Never throws: a file that cannot be read or parsed, or a bad
 * selector, is said in `problems` and costs only what it concerns; the reader still starts.
 */
export async function loadSiteRules(dir: string = configDir()): Promise<LoadedSiteRules> {
  const file = path.join(dir, 'sites.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return {
      rules: {},
      path: file,
      problems: missing ? [] : [`${file} could not be read (${(error as Error).message}); no site rules are used.`],
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { rules: {}, path: file, problems: [`${file} is not valid JSON (${(error as Error).message}); no site rules are used.`] };
  }
  // The selectors are checked by css-select, loaded only when there is a file to check.
  const { checkSiteRules } = await import('../extract/site-rules.js');
  const { rules, problems } = checkSiteRules(value, file);
  return { rules, path: file, problems };
}
