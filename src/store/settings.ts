import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KiosqueError } from '../errors.js';
import { cleanInline } from '../text/sanitize.js';
import { configDir } from './paths.js';

/**
 * The reader's settings, kept in config.json beside the sources (one file, written by conf).
 *
 * Read here with one synchronous read and a table-driven check, not through conf's JSON-schema
 * option: that option compiles an ajv validator at start (about 100 ms, before the reader's
 * first frame), and it refuses the whole file for one bad value, where a bad value must be
 * reported on its own and its default used, the rest of the file kept as written.
 */

/**
 * The parts of the screen a theme colours, and the colours it may name: the screen's own lists
 * (src/ui/terminal/style.ts, THEME_ROLES and NAMED_COLOURS), written again here because the
 * store sits below the screen and cannot import it (tests/settings.test.ts checks they agree).
 */
export const THEME_ROLES = ['title', 'meta', 'link', 'mark', 'error', 'cursor', 'notice', 'quote', 'accent'] as const;
export type ThemeRole = (typeof THEME_ROLES)[number];

export const THEME_COLOURS = [
  // No colour: the terminal's own (the screen's themeFrom reads both words so).
  'default',
  'none',
  'black',
  'red',
  'green',
  'yellow',
  'blue',
  'magenta',
  'cyan',
  'white',
  'gray',
  'grey',
  'blackBright',
  'redBright',
  'greenBright',
  'yellowBright',
  'blueBright',
  'magentaBright',
  'cyanBright',
  'whiteBright',
] as const;
export type ThemeColour = (typeof THEME_COLOURS)[number];

/** The colours the reader chose; a part not named keeps the screen's own colour for it (its default theme). */
export type Theme = Partial<Record<ThemeRole, ThemeColour>>;

export interface Settings {
  /**
   * Key bindings the reader changed: a command of the key table (src/state/keymap.ts) →
   * the characters that run it, in place of the table's. Named keys (arrows, Enter, Tab)
   * stay. Checked against the table where it is applied (applyKeyBindings).
   */
  keys: Record<string, string[]>;
  theme: Theme;
  /** Minutes between reloads of the sources while the reader is open; 0: only on R. */
  refreshMinutes: number;
  /**
   * Browser commands for `o`, as $BROWSER has them (a colon-separated list, each a program and its
   * arguments), tried after $BROWSER's (environment beats files); '': the platform's opener only.
   */
  browser: string;
  /** Mouse reporting in the reader (--no-mouse turns it off for one run). */
  mouse: boolean;
  /** Requests at once to one host. */
  perHostConcurrency: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = {
  keys: {},
  theme: {},
  refreshMinutes: 15,
  browser: '',
  mouse: true,
  perHostConcurrency: 4,
};

/** One setting's rule: how it is checked, said and parsed from the command line. */
interface Rule {
  /** What a value must be, in words: said when it is not. */
  expects: string;
  /** The value as kiosque uses it, or undefined when it does not fit. */
  check(value: unknown): unknown;
  /** `kiosque config set KEY TEXT`: the text typed, as the value to store. */
  parse(text: string): unknown;
  /** A line for `kiosque config list` and --help. */
  about: string;
}

const integer = (min: number, max: number, about: string): Rule => ({
  expects: `a whole number from ${min} to ${max}`,
  check: (value) => (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined),
  parse: (text) => (/^\s*-?\d+\s*$/.test(text) ? Number(text) : text),
  about,
});

const boolean = (about: string): Rule => ({
  expects: 'true or false',
  check: (value) => (typeof value === 'boolean' ? value : undefined),
  parse: (text) => {
    const word = text.trim().toLowerCase();
    if (['true', 'on', 'yes', '1'].includes(word)) return true;
    if (['false', 'off', 'no', '0'].includes(word)) return false;
    return text;
  },
  about,
});

const colour = (about: string): Rule => ({
  expects: `one of ${THEME_COLOURS.join(', ')}`,
  check: (value) => (typeof value === 'string' && (THEME_COLOURS as readonly string[]).includes(value) ? value : undefined),
  parse: (text) => text.trim(),
  about,
});

/** A key as written in config.json: one character, or the word "space". */
function keyChar(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (value === 'space' || value === ' ') return ' ';
  // One character (one code point), printable: a control character is not a key one can bind.
  return [...value].length === 1 && cleanInline(value) === value ? value : undefined;
}

const keyList: Rule = {
  expects: 'a character, or a list of characters ("space" for the space bar)',
  check: (value) => {
    const list = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : undefined;
    const chars = list?.map(keyChar);
    return chars && chars.every((char) => char !== undefined) ? [...new Set(chars)] : undefined;
  },
  // "x", "x y" or "x,y"; one character alone is that key (" " the space bar, "," the comma).
  parse: (text) => ([...text].length === 1 ? [text] : text.split(/[\s,]+/).filter(Boolean)),
  about: "characters for a reader's command, in place of the table's",
};

const ABOUT_ROLE: Record<ThemeRole, string> = {
  title: 'titles',
  meta: 'bylines, dates, sources (dim without it)',
  link: 'links',
  mark: 'the saved star and other marks',
  error: 'errors',
  cursor: 'the selected row',
  notice: 'notices on the status line',
  quote: 'quotes',
  accent: 'the spinner and other accents',
};

/** Every setting but the key bindings (`keys.COMMAND`, one per command of the key table). */
const RULES: Record<string, Rule> = {
  ...Object.fromEntries(THEME_ROLES.map((role) => [`theme.${role}`, colour(`colour of ${ABOUT_ROLE[role]}`)])),
  refreshMinutes: integer(0, 1440, 'minutes between reloads in the reader (0: only on R)'),
  browser: {
    expects: 'a command (a program and its arguments; several separated by ":"), or "" for the platform\'s opener',
    check: (value) => (typeof value === 'string' && cleanInline(value) === value.trim() ? value.trim() : undefined),
    parse: (text) => text,
    about: "browser commands for o, after $BROWSER's (a colon-separated list)",
  },
  mouse: boolean('mouse wheel and clicks in the reader'),
  perHostConcurrency: integer(1, 16, 'requests at once to one host'),
};

/** The settings' names, as `kiosque config get / set` takes them (key bindings are keys.COMMAND). */
export const SETTING_NAMES: readonly string[] = Object.keys(RULES);

/** What a setting is, in a few words (for `config list` and `--help`). */
export function aboutSetting(name: string): string | undefined {
  return name.startsWith('keys.') ? keyList.about : RULES[name]?.about;
}

function ruleFor(name: string): Rule | undefined {
  if (name.startsWith('keys.') && name.length > 'keys.'.length) return keyList;
  return RULES[name];
}

/** A setting's value in settings, by its dotted name. */
export function settingValue(settings: Settings, name: string): unknown {
  if (name.startsWith('keys.')) return settings.keys[name.slice('keys.'.length)];
  let value: unknown = settings;
  for (const part of name.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/** Every setting, flat: dotted name → value (key bindings only where set). */
export function flatSettings(settings: Settings): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  // A theme colour not chosen is null: the screen's own colour for that part.
  for (const name of SETTING_NAMES) flat[name] = settingValue(settings, name) ?? null;
  for (const [command, chars] of Object.entries(settings.keys)) flat[`keys.${command}`] = chars;
  return flat;
}

export interface SettingsReading {
  settings: Settings;
  /** What could not be used, one sentence each (its default was used instead); empty when all is well. */
  problems: string[];
  /**
   * The file is not JSON: the sources store sets such a file aside when it opens it, and says so
   * (store/sources.ts); a caller that opens it need not say this again.
   */
  unreadable?: boolean;
}

const show = (value: unknown) => cleanInline(JSON.stringify(value) ?? String(value)).slice(0, 60);

/**
 * The settings a parsed config.json holds: each value that fits its rule, the default for the
 * others, and a sentence for each value left out. Never throws; the file is not touched (nothing
 * written by hand is lost: correcting it, or `kiosque config set`, puts it right).
 */
export function settingsFrom(raw: unknown, file = 'config.json'): SettingsReading {
  const problems: string[] = [];
  const settings: Settings = { ...DEFAULT_SETTINGS, theme: { ...DEFAULT_SETTINGS.theme }, keys: {} };
  if (raw === undefined) return { settings, problems };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { settings, problems: [`${file} does not hold an object: the default settings are used.`] };
  }
  const stored = raw as Record<string, unknown>;
  const say = (name: string, value: unknown, rule: Rule, fallback: string) =>
    problems.push(`${name} in ${file} should be ${rule.expects}, not ${show(value)}: ${fallback} is used.`);

  for (const [name, rule] of Object.entries(RULES)) {
    const [group, key] = name.split('.') as [string, string | undefined];
    const container = key === undefined ? stored : stored[group];
    if (key !== undefined && container !== undefined && (typeof container !== 'object' || container === null || Array.isArray(container))) {
      continue; // said once for the whole group below
    }
    const value = key === undefined ? stored[group] : (container as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) continue;
    const checked = rule.check(value);
    if (checked === undefined) {
      const byDefault = settingValue(DEFAULT_SETTINGS, name);
      say(name, value, rule, byDefault === undefined ? "the screen's own" : `the default (${show(byDefault)})`);
      continue;
    }
    if (key === undefined) (settings as unknown as Record<string, unknown>)[group] = checked;
    else (settings as unknown as Record<string, Record<string, unknown>>)[group]![key] = checked;
  }
  const theme = stored['theme'];
  if (theme !== undefined && (typeof theme !== 'object' || theme === null || Array.isArray(theme))) {
    problems.push(`theme in ${file} should be an object of colours, not ${show(theme)}: the default theme is used.`);
  }

  const keys = stored['keys'];
  if (keys !== undefined) {
    if (typeof keys !== 'object' || keys === null || Array.isArray(keys)) {
      problems.push(`keys in ${file} should be an object (a command → its keys), not ${show(keys)}: the default keys are used.`);
    } else {
      for (const [command, value] of Object.entries(keys as Record<string, unknown>)) {
        const chars = keyList.check(value) as string[] | undefined;
        if (chars) settings.keys[command] = chars;
        else say(`keys.${command}`, value, keyList, "the key table's binding");
      }
    }
  }
  return { settings, problems };
}

/** Where the settings (and the sources) are kept. */
export function configFile(dir = configDir()): string {
  return path.join(dir, 'config.json');
}

/**
 * The settings in config.json: one synchronous read, cheap enough for the reader's first frame.
 * A missing file gives the defaults; a file that is not JSON gives the defaults and says so
 * (the sources store sets it aside when it opens it).
 */
export function readSettings(dir = configDir()): SettingsReading {
  const file = configFile(dir);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return settingsFrom(undefined, file);
    const { settings } = settingsFrom(undefined, file);
    return { settings, problems: [`${file} could not be read (${(error as Error).message}): the default settings are used.`] };
  }
  try {
    return settingsFrom(text.trim() ? JSON.parse(text) : undefined, file);
  } catch {
    const { settings } = settingsFrom(undefined, file);
    return { settings, problems: [`${file} is not valid JSON: the default settings are used.`], unreadable: true };
  }
}

/**
 * A value typed for a setting, checked: the value to store, or a usage error saying what the
 * setting takes. `keyCommands`: the commands key bindings may name (the key table's).
 */
export function parseSetting(name: string, text: string, keyCommands: readonly string[]): unknown {
  const rule = checkSettingName(name, keyCommands);
  const value = rule.check(rule.parse(text));
  if (value === undefined) throw new KiosqueError('USAGE', `${name} should be ${rule.expects}, not "${cleanInline(text)}".`);
  return value;
}

/** A setting's rule, or a usage error naming the settings there are. `keyCommands`: the commands key bindings may name. */
function checkSettingName(name: string, keyCommands: readonly string[]): Rule {
  const rule = ruleFor(name);
  if (rule && (!name.startsWith('keys.') || keyCommands.includes(name.slice('keys.'.length)))) return rule;
  const known = [...SETTING_NAMES, 'keys.COMMAND'].join(', ');
  const commands = name.startsWith('keys.') ? ` A key binding names a command of the reader: ${keyCommands.join(', ')}.` : '';
  throw new KiosqueError('USAGE', `There is no setting "${name}". Settings: ${known}.${commands}`);
}

/** Throws the usage error of an unknown setting (see parseSetting). */
export function assertSettingName(name: string, keyCommands: readonly string[]): void {
  checkSettingName(name, keyCommands);
}

/** The value a setting is stored as in config.json (key bindings as written: "space" for the space bar). */
export function storedForm(name: string, value: unknown): unknown {
  return name.startsWith('keys.') ? (value as string[]).map((char) => (char === ' ' ? 'space' : char)) : value;
}

/**
 * Writes one setting into config.json (conf: atomic, the sources and every other key kept as
 * they are); `undefined` removes it, so that its default applies again. conf loads on first use.
 */
export async function writeSetting(name: string, value: unknown, dir = configDir()): Promise<void> {
  const { default: Conf } = await import('conf');
  // No defaults here: writing a setting must not write the starter sources into a new file.
  const conf = new Conf<Record<string, unknown>>({
    projectName: 'kiosque',
    cwd: dir,
    configName: 'config',
    accessPropertiesByDotNotation: true,
  });
  // A group written by hand as something else (a string for "theme") is replaced by an object holding the new value.
  const [group, key] = name.split('.') as [string, string | undefined];
  if (key !== undefined) {
    const container: unknown = conf.get(group);
    if (container !== undefined && (typeof container !== 'object' || container === null || Array.isArray(container))) conf.delete(group);
  }
  if (value === undefined) conf.delete(name);
  else conf.set(name, storedForm(name, value));
}
