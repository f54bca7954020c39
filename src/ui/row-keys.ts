/**
 * React keys for the visible rows of a list, from what identifies each row (never a display
 * string): when an identity still repeats (one address listed twice), the row's place in the
 * whole list is added, so that no two rows share a key and none is dropped or drawn twice.
 */
export function rowKeys(ids: string[], start: number): string[] {
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  return ids.map((id, offset) => ((seen.get(id) ?? 0) > 1 ? `${id}\u0000${start + offset}` : id));
}
