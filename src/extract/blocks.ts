import type { Element } from '../html/dom.js';
import { BlockBuilder } from './block-builder.js';
import { TextMeasure } from './text-measure.js';
import type { Trace } from './trace.js';
import type { Block, RelatedLink } from './types.js';

export interface BlockBuilderOptions {
  baseUrl: string;
  title: string;
  titleElement: Element | undefined;
  trace?: Trace | undefined;
  /** The page's text measures so far (findContent's): the DOM is unchanged since. */
  measure?: TextMeasure | undefined;
}

export interface BuiltBlocks {
  blocks: Block[];
  related: RelatedLink[];
}

export function buildBlocks(content: Element[], options: BlockBuilderOptions): BuiltBlocks {
  const measure = options.measure ?? new TextMeasure();
  const total = content.reduce((sum, element) => sum + measure.length(element), 0);
  const first = build(content, options, measure, total, true);
  // Recovery (as trafilatura does): when the furniture rules leave under a seventh of the body's
  // text, they took the article for furniture (a wrapper named "post-sharing", a theme's
  // "social-story"), or the conditional cleaning took it for a rail of teasers. Read again with
  // both off; tags and plain link farms still apply.
  const kept = textLength(first.blocks);
  // Nothing dropped for its names or by the conditional cleaning: a retry without them would read
  // the same (a page of 16,000 "Lire aussi" lines keeps little text, and was read three times).
  if (first.ruleDrops > 0 && ((total >= RECOVERY_MINIMUM && kept < total / 7) || (kept === 0 && total > 0))) {
    // First without the class and id rules only: the conditional cleaning still takes out the
    // sidebars and rails the chosen container holds, and what the names took is back.
    const named = build(content, options, measure, total, false, true, true);
    const back = textLength(named.blocks);
    if (back >= total / 7 && back > kept * 1.5) {
      options.trace?.note(`recovery: the furniture rules left ${kept} of ${total} characters; read again without the class and id rules`);
      return named;
    }
    const second = build(content, options, measure, total, false, true);
    if (textLength(second.blocks) > kept * 1.5) {
      options.trace?.note(`recovery: the furniture rules left ${kept} of ${total} characters; read again without the class and id rules`);
      return second;
    }
  }
  return first;
}

/** Under this many characters of body, a seventh is too little to tell pruning from furniture. */
const RECOVERY_MINIMUM = 280;

function build(
  content: Element[],
  options: BlockBuilderOptions,
  measure: TextMeasure,
  total: number,
  byClass: boolean,
  retry = false,
  conditional = byClass,
): BuiltBlocks & { ruleDrops: number } {
  const builder = new BlockBuilder(
    retry ? { ...options, trace: undefined } : options,
    measure,
    total,
    byClass,
    new Set(content),
    conditional,
  );
  for (const element of content) builder.visit(element);
  builder.flush();
  if (retry && options.trace) {
    // The trace tells what the pass that is kept dropped: replay the retry with it.
    options.trace.forgetDrops('body');
    const traced = new BlockBuilder(options, measure, total, byClass, new Set(content), conditional);
    for (const element of content) traced.visit(element);
    traced.flush();
  }
  return { blocks: builder.blocks, related: builder.related, ruleDrops: builder.ruleDrops };
}

function textLength(blocks: Block[]): number {
  let length = 0;
  for (const block of blocks) {
    if (block.type === 'list') for (const item of block.items) length += item.length;
    else if (block.type !== 'related' && block.type !== 'image') length += block.text.length;
  }
  return length;
}
