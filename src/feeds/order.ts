import type { Headline } from './types.js';

export function sortNewestFirst(headlines: Headline[]): Headline[] {
  // Stable: undated items keep their feed order, after the dated ones.
  return headlines
    .map((headline, index) => ({ headline, index, time: headline.published ? Date.parse(headline.published) : Number.NEGATIVE_INFINITY }))
    .sort((a, b) => b.time - a.time || a.index - b.index)
    .map(({ headline }) => headline);
}
