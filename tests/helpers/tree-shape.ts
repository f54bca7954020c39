import type { AnyNode } from 'domhandler';

/** A tree as nested plain data (what the heuristics can read of it): kiosque's and htmlparser2's trees compared alike. */
export function shape(node: AnyNode): unknown {
  const out: Record<string, unknown> = { type: node.type };
  if ('name' in node) out['name'] = node.name;
  if ('attribs' in node) out['attribs'] = Object.entries(node.attribs);
  if ('data' in node) out['data'] = node.data;
  if ('children' in node) out['children'] = node.children.map(shape);
  return out;
}
