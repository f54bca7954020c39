// The Zyte article-extraction benchmark's measure: 4-token shingle F1
// (see ../shared/corpus/zyte-dev/README.md).
const TOKEN = /[\p{L}\p{N}_]+/gu;

function shingles(text) {
  const tokens = text.match(TOKEN) ?? [];
  const counts = new Map();
  if (tokens.length === 0) return counts;
  if (tokens.length < 4) {
    counts.set(tokens.join(' '), 1);
    return counts;
  }
  for (let i = 0; i + 4 <= tokens.length; i++) {
    const key = tokens.slice(i, i + 4).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** Per page: {precision, recall}, precision undefined when the prediction is empty. */
export function scorePage(predicted, expected) {
  const p = shingles(predicted);
  const e = shingles(expected);
  let tp = 0;
  let pTotal = 0;
  let eTotal = 0;
  for (const [key, count] of p) {
    pTotal += count;
    tp += Math.min(count, e.get(key) ?? 0);
  }
  for (const count of e.values()) eTotal += count;
  return { precision: pTotal ? tp / pTotal : undefined, recall: eTotal ? tp / eTotal : 0 };
}

/** Corpus F1: harmonic mean of mean precision (non-empty predictions) and mean recall (all pages). */
export function corpusF1(pageScores) {
  const precisions = pageScores.map((s) => s.precision).filter((v) => v !== undefined);
  const precision = precisions.reduce((a, b) => a + b, 0) / (precisions.length || 1);
  const recall = pageScores.reduce((a, s) => a + s.recall, 0) / (pageScores.length || 1);
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}
