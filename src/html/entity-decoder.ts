import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';
import type { DecodingMode } from 'entities';

/** The entity decoder htmlparser2's Tokenizer uses (entities 8 inside htmlparser2; kiosque's own `entities` is 7, which reads some entities otherwise). */
export interface EntityDecoder {
  startEntity(mode: DecodingMode): void;
  write(input: string, offset: number): number;
  end(): number;
}
export type DecoderClass = new (tree: Uint16Array, emit: (codepoint: number, consumed: number) => void) => EntityDecoder;
interface DecoderTemplate {
  constructor: DecoderClass;
  decodeTree: Uint16Array;
}

/** Taken from a Tokenizer, whose private field it is: undefined if an update moved it (the Tokenizer is then used as it is). */
const template = (new Tokenizer({ decodeEntities: true }, {} as TokenizerCallbacks) as unknown as { entityDecoder?: DecoderTemplate })
  .entityDecoder;
export const Decoder: { make: DecoderClass; tree: Uint16Array } | undefined =
  template !== undefined && typeof template.constructor === 'function' && template.decodeTree instanceof Uint16Array
    ? { make: template.constructor, tree: template.decodeTree }
    : undefined;
