#!/usr/bin/env node
// Reads the same feeds with two builds' readFeed (src/feeds/parse.ts) and lists every field that
// differs, entry by entry: the check before changing how feeds are read.
//
//   node bench/feeds-diff.js BASE_DIST [HEAD_DIST] INPUT...
//
// BASE_DIST, HEAD_DIST: tsc output folders (HEAD_DIST defaults to ./dist). Each INPUT is a feed file
// (read at http://feed.test/<its name>) or a .jsonl file of {"text", "feedUrl"} lines (feeds as the
// test suite reads them: see the report of issue 12 for how they were collected).
// Prints one line per difference and a count; exits 1 when anything differs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
if (args.length < 2) {
  console.error('usage: node bench/feeds-diff.js BASE_DIST [HEAD_DIST] INPUT...');
  process.exit(2);
}
const isDist = (arg) => {
  try {
    readFileSync(path.join(arg, 'feeds', 'parse.js'));
    return true;
  } catch {
    return false;
  }
};
const baseDist = args.shift();
const headDist = isDist(args[0]) ? args.shift() : 'dist';
const load = async (dist) => (await import(pathToFileURL(path.resolve(dist, 'feeds', 'parse.js')).href)).readFeed;
const [oldRead, newRead] = await Promise.all([load(baseDist), load(headDist)]);

const feeds = new Map();
for (const input of args) {
  if (input.endsWith('.jsonl')) {
    for (const line of readFileSync(input, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const { text, feedUrl } = JSON.parse(line);
      // The same feed at another test server's port is the same case.
      feeds.set(`${feedUrl.replace(/:\d+\//, '/')}\u0000${text.replace(/127\.0\.0\.1:\d+/g, 'HOST')}`, { text, feedUrl });
    }
  } else {
    feeds.set(input, { text: readFileSync(input, 'utf8'), feedUrl: `http://feed.test/${path.basename(input)}` });
  }
}

// What feedsmith (the reader before issue 12) would build a billion-element array for, in this very process.
const isBomb = (text) => /<length>\s*\d{7,}/.test(text);

const outcome = (read, { text, feedUrl }) => {
  if (read === oldRead && isBomb(text)) return { error: 'not read (a feed bomb for the old reader)' };
  try {
    return read(text, feedUrl);
  } catch (error) {
    return { error: `${error.code ?? error.name}` };
  }
};
const show = (value) => {
  const json = JSON.stringify(value);
  return json && json.length > 160 ? `${json.slice(0, 157)}...` : json;
};

let differences = 0;
let differing = 0;
for (const feed of feeds.values()) {
  const before = outcome(oldRead, feed);
  const after = outcome(newRead, feed);
  const lines = [];
  for (const key of ['error', 'title', 'format']) {
    if (before[key] !== after[key]) lines.push(`  ${key}: ${show(before[key])} -> ${show(after[key])}`);
  }
  const oldEntries = before.entries ?? [];
  const newEntries = after.entries ?? [];
  if (oldEntries.length !== newEntries.length) lines.push(`  entries: ${oldEntries.length} -> ${newEntries.length}`);
  for (let i = 0; i < Math.min(oldEntries.length, newEntries.length); i++) {
    for (const key of new Set([...Object.keys(oldEntries[i]), ...Object.keys(newEntries[i])])) {
      if (JSON.stringify(oldEntries[i][key]) !== JSON.stringify(newEntries[i][key])) {
        lines.push(`  [${i}].${key}: ${show(oldEntries[i][key])} -> ${show(newEntries[i][key])}`);
      }
    }
  }
  if (lines.length === 0) continue;
  differing++;
  differences += lines.length;
  console.log(`${feed.feedUrl}  ${show(feed.text.slice(0, 120))}`);
  for (const line of lines) console.log(line);
}
console.log(`${feeds.size} feeds read by both builds; ${differing} differ (${differences} fields).`);
process.exitCode = differing ? 1 : 0;
