import path from 'node:path';
import { applyKeyBindings, BINDINGS } from '../state/keymap.js';
import { cacheDir, dataDir } from '../store/paths.js';
import { aboutSetting, configFile, readSettings, SETTING_NAMES } from '../store/settings.js';
import { USAGE } from './args.js';

const table = (rows: Array<[string, string]>) => {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`).join('\n');
};

/**
 * `kiosque --help`: the usage, the reader's keys (from the one key table, the reader's own
 * bindings in config.json applied), the files kiosque uses where they are for this run, and
 * the environment it reads. `problems`: what config.json holds that could not be used.
 */
export function helpText(options: { cacheDir: string | undefined }): { text: string; problems: string[] } {
  const { settings, problems } = readSettings();
  problems.push(...applyKeyBindings(settings.keys));
  const keys = BINDINGS.flatMap((binding): Array<[string, string]> => (binding.help ? [[binding.help.keys, binding.help.what]] : []));
  const files: Array<[string, string]> = [
    [configFile(), 'sources and settings ($KIOSQUE_CONFIG_DIR, else the XDG config dir)'],
    [path.join(dataDir(), 'state.json'), 'read marks, saved articles, reading positions ($KIOSQUE_DATA_DIR)'],
    [path.join(dataDir(), 'saved'), 'copies of the saved articles, for reading offline'],
    [cacheDir(options.cacheDir), 'the cache of pages and feeds (--cache-dir, else $KIOSQUE_CACHE_DIR)'],
  ];
  const environment: Array<[string, string]> = [
    ['KIOSQUE_CONFIG_DIR', 'folder of config.json'],
    ['KIOSQUE_DATA_DIR', 'folder of the reading state and saved copies'],
    ['KIOSQUE_CACHE_DIR', 'folder of the cache (--cache-dir beats it)'],
    ['XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME', 'where those folders are by default'],
    ['BROWSER', 'the browser o opens pages with (a colon-separated list; beats the setting "browser")'],
    ['NO_COLOR, FORCE_COLOR', 'no colours / colours even when not on a terminal (--color beats both)'],
    ['TERM', 'TERM=dumb: no clickable links'],
    ['TZ', 'the time zone times are shown in'],
  ];
  const settingRows = [...SETTING_NAMES, 'keys.COMMAND'].map((name): [string, string] => [name, aboutSetting(name) ?? '']);
  const text = [
    USAGE,
    '',
    'Keys in the reader:',
    table(keys),
    '',
    'Settings (kiosque config list | set KEY VALUE), in config.json:',
    table(settingRows),
    '',
    'Files:',
    table(files),
    '',
    'Environment (flags beat the environment, the environment beats files):',
    table(environment),
    '',
  ].join('\n');
  return { text, problems };
}
