import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyKeyBindings, BINDINGS, commandFor, keyHints } from '../src/state/keymap.js';
import {
  DEFAULT_SETTINGS,
  parseSetting,
  readSettings,
  settingsFrom,
  THEME_COLOURS,
  THEME_ROLES as SETTINGS_THEME_ROLES,
  writeSetting,
} from '../src/store/settings.js';
import { NAMED_COLOURS, THEME_ROLES, themeFrom } from '../src/ui/terminal/style.js';

afterEach(() => {
  applyKeyBindings({});
});

describe('settings in config.json', () => {
  it('are the defaults when the file holds none', () => {
    expect(settingsFrom({ sources: [] })).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it('keep every value of the right type and report each wrong one, its default used', () => {
    const { settings, problems } = settingsFrom({
      sources: 'abc',
      mouse: 'yes',
      refreshMinutes: 20,
      perHostConcurrency: 0,
      theme: { title: 'red', link: 'chartreuse' },
      keys: { quit: 'x', down: ['J', 'space'], up: 7 },
    });
    expect(settings).toMatchObject({
      mouse: true,
      refreshMinutes: 20,
      perHostConcurrency: 4,
      theme: { title: 'red' },
      keys: { quit: ['x'], down: ['J', ' '] },
    });
    expect(problems).toEqual([
      expect.stringMatching(
        /^theme\.link in config\.json should be one of default, none, black, red, .*, not "chartreuse": the screen's own is used\.$/,
      ),
      expect.stringMatching(/^mouse in config\.json should be true or false, not "yes": the default \(true\) is used\.$/),
      expect.stringMatching(/^perHostConcurrency .* a whole number from 1 to 16, not 0/),
      expect.stringMatching(/^keys\.up .* not 7: the key table's binding is used\.$/),
    ]);
  });

  it('a file that is not JSON, or not an object, gives the defaults and says so; the file is left as it was', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-settings-'));
    writeFileSync(path.join(dir, 'config.json'), '{"mouse": fal');
    expect(readSettings(dir)).toEqual({
      settings: DEFAULT_SETTINGS,
      problems: [expect.stringMatching(/is not valid JSON/)],
      unreadable: true,
    });
    expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe('{"mouse": fal');
    writeFileSync(path.join(dir, 'config.json'), '["a"]');
    expect(readSettings(dir).problems).toEqual([expect.stringMatching(/does not hold an object/)]);
  });

  it('writes one setting, keeping the sources and what it does not know', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-settings-'));
    writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ sources: [{ url: 'https://a.example/feed' }], other: 1, theme: 'x' }));
    await writeSetting('mouse', false, dir);
    await writeSetting('theme.title', 'green', dir);
    await writeSetting('keys.quit', ['x', ' '], dir);
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({
      sources: [{ url: 'https://a.example/feed' }],
      other: 1,
      mouse: false,
      theme: { title: 'green' },
      keys: { quit: ['x', 'space'] },
    });
    await writeSetting('mouse', undefined, dir);
    expect(readSettings(dir).settings).toMatchObject({ mouse: true, theme: { title: 'green' }, keys: { quit: ['x', ' '] } });
  });

  it('a typed value is checked, with what the setting takes', () => {
    expect(parseSetting('mouse', 'off', [])).toBe(false);
    expect(parseSetting('refreshMinutes', '10', [])).toBe(10);
    expect(parseSetting('keys.quit', 'x,Q', ['quit'])).toEqual(['x', 'Q']);
    expect(parseSetting('keys.quit', ',', ['quit'])).toEqual([',']);
    expect(parseSetting('keys.pageDown', ' ', ['pageDown'])).toEqual([' ']);
    expect(parseSetting('keys.pageDown', 'space f', ['pageDown'])).toEqual([' ', 'f']);
    expect(() => parseSetting('refreshMinutes', 'soon', [])).toThrow('refreshMinutes should be a whole number from 0 to 1440, not "soon".');
    expect(() => parseSetting('colour', 'red', [])).toThrow(/There is no setting "colour"/);
    expect(() => parseSetting('keys.fly', 'f', ['quit'])).toThrow(/A key binding names a command of the reader: quit/);
    expect(() => parseSetting('keys.quit', 'xy', ['quit'])).toThrow(/should be a character/);
  });
});

describe("the reader's own key bindings", () => {
  it('replace the characters of a command in the table, the help and the status line; named keys stay', () => {
    expect(applyKeyBindings({ quit: ['x'], down: ['J'] })).toEqual([]);
    expect(commandFor('list', 'x', {})).toBe('quit');
    expect(commandFor('list', 'q', {})).toBeUndefined();
    expect(commandFor('article', 'J', {})).toBe('down');
    expect(commandFor('list', '', { downArrow: true })).toBe('down');
    expect(commandFor('links', 'J', {})).toBe('down');
    const help = BINDINGS.filter((binding) => binding.help).map((binding) => binding.help!.keys);
    // Esc, a named key, stays with quit (in an article it returns to the list).
    expect(help).toContain('x Esc');
    expect(help).toContain('J ↓');
    expect(keyHints('list')).toMatch(/ · x quit$/);
  });

  it('a character given to another command is taken from the one that had it', () => {
    applyKeyBindings({ filter: ['j'] });
    expect(commandFor('list', 'j', {})).toBe('filter');
    expect(BINDINGS.find((binding) => binding.command === 'down' && binding.help)?.help?.keys).toBe('↓');
    // Where filter does not apply (the links overlay), j is still down.
    expect(commandFor('links', 'j', {})).toBe('down');
  });

  it('an unknown command is said, the others applied; {} puts the table back', () => {
    expect(applyKeyBindings({ fly: ['f'], quit: ['x'] })).toEqual([expect.stringMatching(/^keys\.fly: the reader has no command "fly"/)]);
    expect(commandFor('list', 'x', {})).toBe('quit');
    applyKeyBindings({});
    expect(commandFor('list', 'q', {})).toBe('quit');
    expect(keyHints('list')).toMatch(/ · q quit$/);
  });

  it('a command left without a key is out of the help and the hints', () => {
    applyKeyBindings({ filter: [] });
    expect(BINDINGS.some((binding) => binding.command === 'filter' && binding.help)).toBe(false);
    expect(keyHints('list')).not.toMatch(/filter/);
  });
});

describe('the settings and the screen agree', () => {
  it('on the parts a theme colours and the colours it may name', () => {
    expect([...SETTINGS_THEME_ROLES]).toEqual([...THEME_ROLES]);
    expect(THEME_COLOURS.filter((name) => name !== 'default' && name !== 'none')).toEqual(Object.keys(NAMED_COLOURS));
    // A colour the settings accept is one the screen draws ('default' and 'none': the terminal's own).
    for (const name of THEME_COLOURS)
      expect(themeFrom({ title: name }).title).toBe(name === 'default' || name === 'none' ? undefined : name);
  });
});
