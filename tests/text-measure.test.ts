import { describe, expect, it } from 'vitest';
import { TextMeasure } from '../src/extract/text-measure.js';
import { $all, parseHtml, squash, textOf } from '../src/html/dom.js';

describe('TextMeasure.length', () => {
  it('is squash(textOf(node)).length for every element, whichever is asked first', () => {
    const html = `<div> a <b>b</b>c<p> d\u00a0 e </p><br>f<script>x y</script><span> </span><ul><li>g</li><li> h <i>i</i></li></ul>
      <div><div></div> <p>j</p>k</div>\u3000l<template>m</template></div><p></p><p>  </p>`;
    for (const order of ['document', 'reversed'] as const) {
      const document = parseHtml(html);
      const measure = new TextMeasure();
      const elements = $all('*', document);
      if (order === 'reversed') elements.reverse();
      for (const element of elements) expect(measure.length(element), element.name).toBe(squash(textOf(element)).length);
    }
  });
});
