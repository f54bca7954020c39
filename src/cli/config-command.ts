import type { Session } from '../app/session.js';
import { KiosqueError } from '../errors.js';
import { applyKeyBindings, BINDINGS, REMAPPABLE } from '../state/keymap.js';
import { assertSettingName, configFile, flatSettings, parseSetting, settingValue, storedForm, writeSetting } from '../store/settings.js';
import type { Command } from './args.js';

type ConfigCommand = Extract<Command, { name: 'config' }>;

export interface ConfigOutput {
  /** The JSON document, and its plain-text rendering. */
  value: unknown;
  text: string;
}

/** A value as `config get` prints it for a script: text as it is, key lists space-separated ("space" for the space bar). */
function plain(value: unknown): string {
  if (value === null || value === undefined) return '(default)';
  if (Array.isArray(value)) return (value as string[]).map((item) => (item === ' ' ? 'space' : item)).join(' ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The characters a command has in the key table now (the reader's bindings applied). */
function keysOf(command: string): string[] {
  return [...new Set(BINDINGS.filter((binding) => binding.command === command).flatMap((binding) => binding.chars ?? []))];
}

/** `kiosque config list | get KEY | set KEY VALUE | unset KEY | path`: the settings in config.json, checked before they are written. */
export async function runConfigCommand(command: ConfigCommand, session: Session): Promise<ConfigOutput> {
  const file = configFile(session.configDir);
  // The sources store opens config.json as every command does: a file that is not JSON is set aside (and said) before a setting is read or written.
  if (command.action !== 'path') await session.sourceStore();
  // A bad value in the file was said (on stderr) when the session read it; its default is shown here.
  const settings = session.settings();
  applyKeyBindings(settings.keys);
  switch (command.action) {
    case 'path':
      return { value: { path: file }, text: `${file}\n` };
    case 'list': {
      const flat = flatSettings(settings);
      const width = Math.max(...Object.keys(flat).map((name) => name.length));
      return {
        value: flat,
        text: Object.entries(flat)
          .map(([name, value]) => `${name.padEnd(width)}  ${value === null ? '(default)' : JSON.stringify(storedForm(name, value))}\n`)
          .join(''),
      };
    }
    case 'get': {
      assertSettingName(command.key, REMAPPABLE);
      const value = command.key.startsWith('keys.')
        ? (settingValue(settings, command.key) ?? keysOf(command.key.slice('keys.'.length)))
        : settingValue(settings, command.key);
      return { value: value === undefined ? null : storedForm(command.key, value), text: `${plain(value)}\n` };
    }
    case 'set': {
      const value = parseSetting(command.key, command.value, REMAPPABLE);
      await save(command.key, value, session.configDir);
      // A character another command had is that command's no more where both apply: said, so it is no surprise.
      const bound = command.key.startsWith('keys.') ? command.key.slice('keys.'.length) : undefined;
      const taken = bound
        ? REMAPPABLE.filter((other) => other !== bound && keysOf(other).some((char) => (value as string[]).includes(char)))
        : [];
      const note = taken.length ? ` (taken from ${taken.join(', ')} where ${bound} applies)` : '';
      return {
        value: { key: command.key, value: storedForm(command.key, value), path: file },
        text: `${command.key} = ${JSON.stringify(storedForm(command.key, value))}${note}\n`,
      };
    }
    case 'unset': {
      assertSettingName(command.key, REMAPPABLE);
      await save(command.key, undefined, session.configDir);
      return { value: { key: command.key, value: null, path: file }, text: `${command.key}: back to its default\n` };
    }
  }
}

async function save(name: string, value: unknown, dir: string): Promise<void> {
  try {
    await writeSetting(name, value, dir);
  } catch (error) {
    // conf refuses a file that is not JSON: it is the user's, left as it is, for them to correct.
    throw new KiosqueError(
      'CONFIG',
      `Cannot write ${configFile(dir)}: ${(error as Error).message}. Correct the file, or remove it to start again.`,
      {
        cause: error,
      },
    );
  }
}
