// How a search's matches cross to the webview. Ranges of pre-order indices ([start, end) pairs) are what both sides
// work with; a broad query at 100,000 steps has ~20,000 of them, ~175 KB of JSON on every keystroke, which the host
// relays and the webview parses. Past a few thousand numbers they cross as a bitset instead (one bit a step, base64:
// ~17 KB at 100,000 steps whatever the query), and the webview turns it back into the same ranges. Pure: no `vscode`,
// no DOM (btoa/atob exist in Node and the browser).

/** Ranges of at most this many numbers cross as they are. */
export const INLINE_RANGES_MAX = 2048;

export type WireMatches = { ranges: number[] } | { bits: string; size: number };

export function encodeMatches(ranges: readonly number[], size: number): WireMatches {
  if (ranges.length <= INLINE_RANGES_MAX) return { ranges: [...ranges] };
  const bytes = new Uint8Array((size + 7) >> 3);
  for (let r = 0; r < ranges.length; r += 2) {
    const end = Math.min(ranges[r + 1]!, size);
    for (let i = ranges[r]!; i < end; i++) bytes[i >> 3]! |= 1 << (i & 7);
  }
  let binary = '';
  // In pieces: String.fromCharCode takes its arguments on the stack.
  for (let i = 0; i < bytes.length; i += 8192) binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return { bits: btoa(binary), size };
}

/** The ranges `encodeMatches` was given (clipped to `size`). */
export function decodeMatches(m: WireMatches): number[] {
  if ('ranges' in m) return m.ranges;
  const binary = atob(m.bits);
  const ranges: number[] = [];
  let open = -1;
  for (let i = 0; i < m.size; i++) {
    const byte = binary.charCodeAt(i >> 3);
    // A whole empty byte outside a range, or a whole full one inside: nothing changes in it.
    if ((i & 7) === 0 && i + 8 <= m.size && ((byte === 0 && open < 0) || (byte === 255 && open >= 0))) {
      i += 7;
      continue;
    }
    const on = (byte >> (i & 7)) & 1;
    if (on && open < 0) open = i;
    else if (!on && open >= 0) {
      ranges.push(open, i);
      open = -1;
    }
  }
  if (open >= 0) ranges.push(open, m.size);
  return ranges;
}
