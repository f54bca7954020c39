import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoServer } from '../src/demo/server.js';
import { withDemo } from './helpers/demo.js';
import { BUILT_CLI, isBuilt, runBuilt, runCli } from './helpers/cli.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * kiosque as shell users meet it: in pipes, in scripts that read its exit status, with their
 * time zone, with flags and environment both set. The pipe and exit-status tests run the built
 * command (bin/kiosque.js) in a process of its own, as a shell runs it.
 */

if (!isBuilt) console.warn('[skipped] tests of the built command: dist/ is not built (run "npm run build").');

const tmp = (name: string) => mkdtempSync(path.join(os.tmpdir(), `kiosque-shell-${name}-`));

const LONG_TITLE = 'Le conseil municipal adopte un budget en hausse pour la rénovation des écoles et des gymnases du quartier';

const rss = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Le Fil</title><link>http://x/</link>${items.join('')}</channel></rss>`;
const item = (title: string, link: string, date: string) =>
  `<item><title>${title}</title><link>${link}</link><pubDate>${date}</pubDate></item>`;

let feeds: TestServer;
let dead: string;
let demo: DemoServer;
beforeAll(async () => {
  feeds = await startServer((request, response) => {
    const xml = (body: string) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(body);
    const { pathname } = new URL(request.url ?? '/', 'http://x');
    if (pathname === '/big.xml') {
      // Far more than a pipe holds (64 KB): `head -1` closes it while kiosque is still writing.
      return xml(
        rss(
          Array.from({ length: 4000 }, (_, n) =>
            item(`Titre ${n} ${'assez long pour remplir la ligne '.repeat(2)}`, `http://x/${n}`, 'Mon, 30 Nov 2026 07:15:00 GMT'),
          ),
        ),
      );
    }
    if (pathname === '/small.xml') {
      return xml(
        rss([
          item(LONG_TITLE, 'http://x/winter', 'Mon, 30 Nov 2026 07:15:00 GMT'),
          item('Un titre d’été', 'http://x/summer', 'Wed, 01 Jul 2026 10:00:00 GMT'),
        ]),
      );
    }
    response.writeHead(404).end();
  });
  const closed = await startServer(() => {});
  dead = closed.origin;
  await closed.close();
  demo = await withDemo();
});
afterAll(async () => {
  await feeds.close();
  await demo.close();
});

/** A shell command line, run without blocking this process (whose servers the command reads). */
function runShell(command: string, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--norc', '--noprofile', '-c', command], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.skipIf(!isBuilt)('kiosque in a pipe (the built command)', () => {
  it('a closed pipe ends kiosque quietly, with status 0', async () => {
    const run = await runBuilt(['headlines', `${feeds.origin}/big.xml`, '--cache-dir', tmp('cache')], { closeStdout: true });
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('`kiosque headlines | head -1` prints one line, no stack trace, and kiosque ends with 0 (pipefail)', async () => {
    const command = `set -o pipefail; "${process.execPath}" "${BUILT_CLI}" headlines "${feeds.origin}/big.xml" --cache-dir "${tmp('cache')}" | head -1`;
    const run = await runShell(command);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')).toEqual([expect.stringMatching(/^• Titre 0 /), '']);
  });

  it('no source could be read: every failing source named on stderr, nothing on stdout, exit 3', async () => {
    const run = await runBuilt(['headlines', `${dead}/a.xml`, `${feeds.origin}/missing.xml`, '--cache-dir', tmp('cache')]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^kiosque: .*refused the connection/);
    expect(lines[1]).toMatch(/^kiosque: .*404.*missing\.xml/);
  });

  it('with --json: one error document a failing source on stderr, exit 3', async () => {
    const run = await runBuilt(['headlines', `${dead}/a.xml`, `${dead}/b.xml`, '--json', '--cache-dir', tmp('cache')]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    const errors = run.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { error: { code: string; url: string } });
    expect(errors.map((error) => error.error.url)).toEqual([`${dead}/a.xml`, `${dead}/b.xml`]);
  });

  it('some sources failing: the headlines on stdout, the failing source on stderr, exit 0', async () => {
    const run = await runBuilt(['headlines', `${feeds.origin}/small.xml`, `${dead}/a.xml`, '--cache-dir', tmp('cache')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(LONG_TITLE);
    expect(run.stdout).not.toMatch(/refused/);
    expect(run.stderr).toMatch(/^kiosque: .*refused the connection.*\n$/);
  });

  it('piped, a headline is one line (title, source, local time, address between tabs), never wrapped', async () => {
    const run = await runBuilt(['headlines', `${feeds.origin}/small.xml`, '--cache-dir', tmp('cache')], { env: { TZ: 'UTC' } });
    expect(run.stdout.split('\n')).toEqual([
      `• ${LONG_TITLE}\tLe Fil\t2026-11-30 07:15\thttp://x/winter`,
      '• Un titre d’été\tLe Fil\t2026-07-01 10:00\thttp://x/summer',
      '',
    ]);
  });

  it('piped, an article is one line a paragraph: grep finds whole paragraphs', async () => {
    const url = `${demo.origin}/harbour/market-hall-reopens/`;
    const article = JSON.parse((await runBuilt(['read', url, '--json', '--cache-dir', tmp('cache')])).stdout) as {
      blocks: Array<{ type: string; text?: string }>;
    };
    const paragraphs = article.blocks.filter((block) => block.type === 'paragraph').map((block) => block.text!);
    expect(paragraphs.some((text) => text.length > 100)).toBe(true);
    const lines = (await runBuilt(['read', url, '--cache-dir', tmp('cache')])).stdout.split('\n');
    for (const text of paragraphs) expect(lines).toContain(text);
  });

  it('times are local (TZ), with their offset in --json', async () => {
    const args = ['headlines', `${feeds.origin}/small.xml`, '--cache-dir', tmp('cache')];
    const paris = { env: { TZ: 'Europe/Paris' } };
    const text = (await runBuilt(args, paris)).stdout;
    expect(text).toContain('\t2026-11-30 08:15\t');
    expect(text).toContain('\t2026-07-01 12:00\t');
    const json = JSON.parse((await runBuilt([...args, '--json'], paris)).stdout) as Array<{ published: string }>;
    expect(json.map((headline) => headline.published)).toEqual(['2026-11-30T08:15:00+01:00', '2026-07-01T12:00:00+02:00']);
    const utc = JSON.parse((await runBuilt([...args, '--json'], { env: { TZ: 'UTC' } })).stdout) as Array<{ published: string }>;
    expect(utc[0]?.published).toBe('2026-11-30T07:15:00+00:00');
  });

  it('a usage error is exit 2 from the built command too, without a stack trace', async () => {
    const run = await runBuilt(['headlines', '--timeout', '1e9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^kiosque: --timeout needs a number of seconds from 0\.1 to 3600, not "1e9"\./);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--cache-dir beats $KIOSQUE_CACHE_DIR, which beats the XDG folder', async () => {
    const [flag, environment] = [tmp('flag'), tmp('environment')];
    const withFlag = await runBuilt(['cache', 'info', '--json', '--cache-dir', flag], { env: { KIOSQUE_CACHE_DIR: environment } });
    expect(JSON.parse(withFlag.stdout).dir).toBe(flag);
    const withoutFlag = await runBuilt(['cache', 'info', '--json'], { env: { KIOSQUE_CACHE_DIR: environment } });
    expect(JSON.parse(withoutFlag.stdout).dir).toBe(environment);
  });
});

describe('text on a terminal', () => {
  it('is wrapped at its width, a title going on under itself', async () => {
    const { stdout } = await runCli(['headlines', `${feeds.origin}/small.xml`, '--cache-dir', tmp('cache')], 40);
    const lines = stdout.split('\n');
    expect(lines.every((line) => line.length <= 40)).toBe(true);
    expect(lines[0]).toMatch(/^• Le conseil municipal/);
    expect(lines[1]).toMatch(/^ {2}\S/);
  });
});

describe('usage errors: exit 2, one plain message', () => {
  it.each([
    [['read', 'notaurl'], /"notaurl" is not an http or https address/],
    [['headlines', 'example.org'], /"example\.org" is not an http or https address/],
    [['headlines', '--limit', '-1'], /--limit needs a whole number from 1 up, not "-1"/],
    [['headlines', '--limit', '2.5'], /--limit needs a whole number from 1 up, not "2\.5"/],
    [['headlines', '--timeout', '1e9'], /--timeout needs a number of seconds from 0\.1 to 3600, not "1e9"/],
    [['headlines', '--timeout', '3000000'], /from 0\.1 to 3600, not "3000000"/],
    [['headlines', '--timeout', '0.0004'], /from 0\.1 to 3600, not "0\.0004"/],
    [['headlines', '--timeout', '-5'], /from 0\.1 to 3600, not "-5"/],
    [['sources', 'add', 'http://x/', '--pick', '0'], /--pick needs a whole number from 1 up, not "0"/],
    [['--color', 'sometimes'], /--color takes auto, always, never, not "sometimes"/],
    [['completion', 'tcsh'], /"kiosque completion" takes bash, zsh, fish/],
    [['config', 'set', 'mouse', 'maybe'], /mouse should be true or false, not "maybe"/],
    [['config', 'set', 'refreshMinutes', '-3'], /refreshMinutes should be a whole number from 0 to 1440, not "-3"/],
    [['config', 'set', 'theme.title', 'chartreuse'], /theme\.title should be one of default, none, black, red, .*, not "chartreuse"/],
    [['config', 'set', 'keys.fly', 'f'], /There is no setting "keys\.fly"\. .* A key binding names a command of the reader: down, up/],
    [['config', 'get', 'colour'], /There is no setting "colour"/],
  ])('kiosque %j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(args);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^kiosque: /);
    expect(stderr).not.toMatch(/\n\s+at |internal error/);
    expect(code).toBe(2);
  });

  it('an empty --sources file (comments only) says so and reads nothing', async () => {
    const file = path.join(tmp('list'), 'sources.txt');
    writeFileSync(file, '# my feeds\n\n   # none yet\n');
    const { code, stderr } = await runCli(['headlines', '--sources', file]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/sources file .*sources\.txt lists no address .*nothing to read/);
  });

  it('a --sources line ending in a comment is read without it; a # in an address is its own', async () => {
    const file = path.join(tmp('list'), 'sources.txt');
    writeFileSync(file, `${feeds.origin}/small.xml   # le fil du jour\n${feeds.origin}/small.xml?x#top\n`);
    const before = feeds.hits.get('/small.xml') ?? 0;
    const { code, stdout, stderr } = await runCli(['headlines', '--sources', file, '--json', '--cache-dir', tmp('cache')]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).length).toBe(4);
    expect(feeds.hits.get('/small.xml')).toBe(before + 2);
  });
});

describe('--help', () => {
  it("lists the reader's keys, the files kiosque uses and the environment it reads", async () => {
    const { code, stdout } = await runCli(['--help', '--cache-dir', '/some/cache']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Keys in the reader:$/m);
    expect(stdout).toMatch(/^ {2}j ↓ +next headline/m);
    expect(stdout).toMatch(/^ {2}q Esc +back to the headlines \/ quit$/m);
    expect(stdout).toContain(path.join(process.env['KIOSQUE_CONFIG_DIR']!, 'config.json'));
    expect(stdout).toContain(path.join(process.env['KIOSQUE_DATA_DIR']!, 'state.json'));
    expect(stdout).toMatch(/^ {2}\/some\/cache +the cache/m);
    for (const name of ['KIOSQUE_CONFIG_DIR', 'KIOSQUE_DATA_DIR', 'KIOSQUE_CACHE_DIR', 'BROWSER', 'NO_COLOR', 'FORCE_COLOR', 'TZ']) {
      expect(stdout).toContain(name);
    }
  });
});

/** A config folder of the test's own for what follows, with config.json as given. */
function configFolder(config?: unknown): string {
  const dir = tmp('config');
  if (config !== undefined) writeFileSync(path.join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

async function inConfig<T>(dir: string, run: () => Promise<T>): Promise<T> {
  const before = process.env['KIOSQUE_CONFIG_DIR'];
  process.env['KIOSQUE_CONFIG_DIR'] = dir;
  try {
    return await run();
  } finally {
    process.env['KIOSQUE_CONFIG_DIR'] = before;
  }
}

describe('settings (kiosque config)', () => {
  it('set, get, list, unset and path, in text and --json', async () => {
    const dir = configFolder();
    await inConfig(dir, async () => {
      expect(await runCli(['config', 'set', 'theme.title', 'green'])).toEqual({ code: 0, stdout: 'theme.title = "green"\n', stderr: '' });
      expect((await runCli(['config', 'set', 'keys.quit', 'x'])).code).toBe(0);
      expect((await runCli(['config', 'set', 'keys.filter', 'j'])).stdout).toBe(
        'keys.filter = ["j"] (taken from down where filter applies)\n',
      );
      expect((await runCli(['config', 'unset', 'keys.filter'])).code).toBe(0);
      expect((await runCli(['config', 'get', 'theme.title'])).stdout).toBe('green\n');
      expect((await runCli(['config', 'get', 'keys.down'])).stdout).toBe('j\n');
      expect(JSON.parse((await runCli(['config', 'get', 'mouse', '--json'])).stdout)).toBe(true);
      const listed = JSON.parse((await runCli(['config', 'list', '--json'])).stdout) as Record<string, unknown>;
      expect(listed).toMatchObject({ 'theme.title': 'green', 'theme.link': null, mouse: true, 'keys.quit': ['x'] });
      expect((await runCli(['config', 'list'])).stdout).toMatch(/^theme\.title {2,}"green"$/m);
      expect((await runCli(['config', 'list'])).stdout).toMatch(/^theme\.link {2,}\(default\)$/m);
      expect((await runCli(['config', 'unset', 'theme.title'])).code).toBe(0);
      expect((await runCli(['config', 'get', 'theme.title'])).stdout).toBe('(default)\n');
      expect((await runCli(['config', 'path'])).stdout).toBe(`${path.join(dir, 'config.json')}\n`);
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toMatchObject({ theme: {}, keys: { quit: ['x'] } });
  });

  it('a remapped key shows in --help, in place of the old one', async () => {
    const dir = configFolder({ keys: { quit: 'x', filter: ['f'] } });
    const { stdout, stderr } = await inConfig(dir, () => runCli(['--help']));
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^ {2}x Esc +back to the headlines \/ quit$/m);
    expect(stdout).toMatch(/^ {2}f +filter headlines \/ search article$/m);
    expect(stdout).not.toMatch(/^ {2}q +back towards/m);
  });

  it('a settings file with wrong types: each bad value reported, the defaults used, nothing lost', async () => {
    const written = JSON.stringify({ sources: 'abc', mouse: 'yes', theme: { title: 'chartreuse', link: 'green' }, keys: { up: 7 } });
    const dir = configFolder(written);
    await inConfig(dir, async () => {
      const listed = await runCli(['config', 'list', '--json']);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toMatchObject({ mouse: true, 'theme.title': null, 'theme.link': 'green' });
      expect(listed.stderr).toMatch(/mouse in .*config\.json should be true or false, not "yes": the default \(true\) is used\./);
      expect(listed.stderr).toMatch(/theme\.title .* not "chartreuse"/);
      expect(listed.stderr).toMatch(/keys\.up .* not 7/);
      const sources = await runCli(['sources', 'list']);
      expect(sources.code).toBe(0);
      expect(sources.stderr).toMatch(/"sources" in .*config\.json is not a list: the starter sources are read instead/);
      expect(sources.stdout).toMatch(/^Le Monde {2}https:\/\/www\.lemonde\.fr\//);
      expect(sources.stderr).not.toMatch(/internal error/);
      expect(readFileSync(path.join(dir, 'config.json'), 'utf8')).toBe(written);
      // Setting one value corrects it alone: the rest of the file is kept as it was written.
      expect((await runCli(['config', 'set', 'mouse', 'off'])).code).toBe(0);
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toEqual({ ...JSON.parse(written), mouse: false });
  });

  it('a config.json that is not JSON is said once, set aside as every command does, and config set starts a new one', async () => {
    const dir = configFolder('{"mouse": fal');
    await inConfig(dir, async () => {
      const help = await runCli(['--help']);
      expect(help.code).toBe(0);
      expect(help.stderr).toMatch(/config\.json is not valid JSON: the default settings are used/);
      const set = await runCli(['config', 'set', 'mouse', 'false']);
      expect(set.code).toBe(0);
      expect(set.stderr).toMatch(/^kiosque: The configuration could not be read; it was kept as .*config\.json\.corrupt-\d+/);
      expect(set.stderr.trim().split('\n')).toHaveLength(1);
    });
    const backup = readdirSync(dir).find((name) => name.startsWith('config.json.corrupt-'));
    expect(backup && readFileSync(path.join(dir, backup), 'utf8')).toBe('{"mouse": fal');
    expect(JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8'))).toMatchObject({ mouse: false });
  });
});

describe('completions', () => {
  /** The configured sources, one with credentials: offered without them, removable as offered. */
  const sourcesConfig = {
    sources: [{ url: 'https://a.example/feed.xml', title: 'A' }, { url: 'https://alice:secret@b.example/private.xml' }],
  };

  it.skipIf(!isBuilt)('bash: the script registers itself and completes commands, actions, settings and configured addresses', async () => {
    const script = path.join(tmp('completion'), 'kiosque.bash');
    writeFileSync(script, (await runCli(['completion', 'bash'])).stdout);
    // `kiosque` on the PATH is the built command, as after an install.
    const bin = tmp('bin');
    symlinkSync(BUILT_CLI, path.join(bin, 'kiosque'));
    const config = configFolder(sourcesConfig);
    const complete = (line: string) => {
      const program = `source "${script}"
COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}
read -r -a COMP_WORDS <<<"$COMP_LINE"; [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=("")
COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
_kiosque kiosque
printf '%s\\n' "\${COMPREPLY[@]}"`;
      const run = spawnSync('bash', ['--norc', '--noprofile', '-c', program], {
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}:${process.env['PATH']}`, KIOSQUE_CONFIG_DIR: config },
      });
      expect(run.stderr).toBe('');
      return run.stdout.split('\n').filter(Boolean);
    };
    const registered = spawnSync('bash', ['--norc', '--noprofile', '-c', `source "${script}"; complete -p kiosque`], { encoding: 'utf8' });
    expect(registered.stdout.trim()).toBe('complete -F _kiosque kiosque');
    expect(complete('kiosque sou')).toEqual(['sources']);
    expect(complete('kiosque ')).toEqual(expect.arrayContaining(['headlines', 'read', 'sources', 'config', 'completion']));
    expect(complete('kiosque sources r')).toEqual(['remove', 'rename']);
    expect(complete('kiosque --c')).toEqual(['--cache-dir', '--color']);
    expect(complete('kiosque --color a')).toEqual(['auto', 'always']);
    expect(complete('kiosque config set theme.t')).toEqual(['theme.title']);
    expect(complete('kiosque config set keys.qu')).toEqual(['keys.quit']);
    expect(complete('kiosque config set mouse ')).toEqual(['true', 'false']);
    expect(complete('kiosque completion ')).toEqual(['bash', 'zsh', 'fish']);
    expect(complete('kiosque sources remove ')).toEqual(['https://a.example/feed.xml', 'https://b.example/private.xml']);
    // bash replaces only what follows the word's last colon: the candidates say only that part.
    expect(complete('kiosque sources remove https://b')).toEqual(['//b.example/private.xml']);
    // What is offered can be removed as it is offered.
    const removed = await inConfig(config, () => runCli(['sources', 'remove', 'https://b.example/private.xml']));
    expect(removed.code).toBe(0);
  });

  it.each(['zsh', 'fish'] as const)('%s: a script the shell reads without a syntax error (when installed)', async (shell) => {
    const script = (await runCli(['completion', shell])).stdout;
    expect(script).toMatch(shell === 'zsh' ? /^#compdef kiosque$/m : /^complete -c kiosque -f$/m);
    expect(script).toContain('completion sources');
    if (spawnSync(shell, ['--version']).status !== 0)
      return console.warn(`[partly skipped] ${shell} is not installed: its syntax is not checked.`);
    const file = path.join(tmp('completion'), `kiosque.${shell}`);
    writeFileSync(file, script);
    const checked = spawnSync(shell, ['-n', file], { encoding: 'utf8' });
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  const hasFish = spawnSync('fish', ['--version']).status === 0;
  it.skipIf(!isBuilt || !hasFish)('fish: complete -C offers commands, actions, colours and the configured addresses', async () => {
    const script = path.join(tmp('completion'), 'kiosque.fish');
    writeFileSync(script, (await runCli(['completion', 'fish'])).stdout);
    const bin = tmp('bin');
    symlinkSync(BUILT_CLI, path.join(bin, 'kiosque'));
    const config = configFolder(sourcesConfig);
    const complete = (line: string) =>
      spawnSync('fish', ['--no-config', '-c', `source ${script}; complete -C ${JSON.stringify(line)}`], {
        encoding: 'utf8',
        env: { ...process.env, PATH: `${bin}:${process.env['PATH']}`, KIOSQUE_CONFIG_DIR: config },
      })
        .stdout.split('\n')
        .filter(Boolean)
        .map((candidate) => candidate.split('\t')[0]);
    expect(complete('kiosque sou')).toEqual(['sources']);
    expect(complete('kiosque sources ')).toEqual(['add', 'export', 'import', 'list', 'remove', 'rename']);
    expect(complete('kiosque sources remove ')).toEqual(['https://a.example/feed.xml', 'https://b.example/private.xml']);
    expect(complete('kiosque config set theme.link cy')).toEqual(['cyan', 'cyanBright']);
    expect(complete('kiosque --color ')).toEqual(['always', 'auto', 'never']);
  });

  it('completion sources: the configured addresses, one a line, without credentials', async () => {
    const config = configFolder(sourcesConfig);
    const { stdout } = await inConfig(config, () => runCli(['completion', 'sources']));
    expect(stdout).toBe('https://a.example/feed.xml\nhttps://b.example/private.xml\n');
  });
});
