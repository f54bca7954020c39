import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleText, extractArticle } from '../src/index.js';
import { checkSiteRules, ruleFor } from '../src/extract/site-rules.js';
import { loadSiteRules } from '../src/store/site-rules.js';
import { runCli } from './helpers/cli.js';
import { startServer, type TestServer } from './helpers/server.js';

/**
 * A page the heuristics misread on purpose: the article is a short interview in a bare list,
 * while a long "partner content" block of prose wins the scoring.
 */
const answer = (n: number) => `<li>Answer ${n}: we rebuilt the organ pipe by pipe, over two winters, with the help of the parish.</li>`;
const PAGE = `<!doctype html><html><head><title>Rebuilding the organ</title></head><body>
  <h1>Rebuilding the organ</h1>
  <div class="interview"><ul>${[1, 2, 3].map(answer).join('')}</ul><p class="ad-note">Sponsored words inside the interview.</p></div>
  <div class="partner">${'<p>Partner content: a long advertorial about kitchens, with many commas, many clauses, many adjectives, and more.</p>'.repeat(8)}</div>
  <div class="pager"><a class="back" href="/organ-part-1">The organ, part one</a><a class="on" href="/organ-part-3">The organ, part three</a></div>
  <div class="more"><a href="/bells">The bells of the cathedral</a><a href="/choir">The choir's new season</a></div>
</body></html>`;

describe('sites.json: checking the rules', () => {
  it('keeps good rules, and names the host, field and selector of each bad one with the reason', () => {
    const { rules, problems } = checkSiteRules({
      'www.example.com': { content: 'div.interview', remove: ['.ad-note', 'a[href'] },
      '.example.org': { next: 'a.on', colour: 'red' },
      'not a host': { content: 'p' },
    });
    expect(rules['www.example.com']).toEqual({ host: 'www.example.com', content: ['div.interview'], remove: ['.ad-note'] });
    expect(rules['example.org']).toEqual({ host: 'example.org', next: ['a.on'] });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/www\.example\.com\.remove: the selector "a\[href" cannot be used \(.+\); it is ignored\./);
    expect(problems[1]).toMatch(/\.example\.org has an unknown field "colour"/);
    expect(problems[2]).toMatch(/"not a host" is not a host name/);
  });

  it('finds a host’s rule, else the longest domain it is under', () => {
    const { rules } = checkSiteRules({ 'example.com': { content: 'main' }, 'news.example.com': { content: 'article' } });
    expect(ruleFor(rules, 'https://www.example.com/a')?.host).toBe('example.com');
    expect(ruleFor(rules, 'https://live.news.example.com/a')?.host).toBe('news.example.com');
    expect(ruleFor(rules, 'https://example.net/a')).toBeUndefined();
    expect(ruleFor(rules, 'https://notexample.com/a')).toBeUndefined();
  });

  it('says a file that is not JSON, and reads no rules from it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kiosque-sites-'));
    writeFileSync(path.join(dir, 'sites.json'), '{ "example.com": ');
    const loaded = await loadSiteRules(dir);
    expect(loaded.rules).toEqual({});
    expect(loaded.problems[0]).toMatch(/sites\.json is not valid JSON/);
    expect(await loadSiteRules(mkdtempSync(path.join(os.tmpdir(), 'kiosque-sites-')))).toMatchObject({ rules: {}, problems: [] });
  });
});

describe('sites.json: a rule wins over the heuristics', () => {
  it('reads the heuristics’ choice without a rule, and the rule’s with one', () => {
    const url = 'https://www.example.com/organ-part-2';
    const without = articleText(extractArticle(PAGE, url));
    expect(without).toContain('Partner content');
    const { rules } = checkSiteRules({
      'example.com': { content: '.interview', remove: '.ad-note', related: '.more', previous: 'a.back', next: 'a.on' },
    });
    const article = extractArticle(PAGE, url, { siteRule: ruleFor(rules, url) });
    const text = articleText(article);
    expect(text).toContain('Answer 3: we rebuilt the organ pipe by pipe');
    expect(text).not.toContain('Partner content');
    expect(text).not.toContain('Sponsored words');
    expect(article.related.map((link) => link.title)).toEqual(['The bells of the cathedral', "The choir's new season"]);
    expect(article.previous).toEqual({ title: 'The organ, part one', url: 'https://www.example.com/organ-part-1' });
    expect(article.next).toEqual({ title: 'The organ, part three', url: 'https://www.example.com/organ-part-3' });
  });
});

describe('sites.json in the config folder, from the command line', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
  });
  afterAll(() => server.close());

  const run = (sites: unknown, args: string[]) => {
    const config = mkdtempSync(path.join(os.tmpdir(), 'kiosque-config-'));
    writeFileSync(path.join(config, 'sites.json'), typeof sites === 'string' ? sites : JSON.stringify(sites));
    process.env['KIOSQUE_CONFIG_DIR'] = config;
    return runCli([...args, '--cache-dir', mkdtempSync(path.join(os.tmpdir(), 'kiosque-cli-'))]);
  };

  it('kiosque read applies the rule of the page’s host', async () => {
    const { code, stdout } = await run({ '127.0.0.1': { content: '.interview' } }, ['read', `${server.origin}/organ`, '--json']);
    expect(code).toBe(0);
    const text = articleText(JSON.parse(stdout));
    expect(text).toContain('Answer 1: we rebuilt the organ');
    expect(text).not.toContain('Partner content');
  });

  it('a bad selector is said plainly on stderr, and the page is still read (by the rest of the rule)', async () => {
    const { code, stdout, stderr } = await run({ '127.0.0.1': { content: ['div.interview', 'li:frobnicate'] } }, [
      'read',
      `${server.origin}/organ`,
    ]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /kiosque: .*sites\.json: 127\.0\.0\.1\.content: the selector "li:frobnicate" cannot be used \(.*\); it is ignored\./,
    );
    expect(stdout).toContain('Answer 2: we rebuilt the organ');
  });

  it('a sites.json that is not JSON is said, and the page is read by the heuristics', async () => {
    const { code, stdout, stderr } = await run('{ nope', ['read', `${server.origin}/organ`]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/sites\.json is not valid JSON/);
    expect(stdout).toContain('Rebuilding the organ');
  });
});
