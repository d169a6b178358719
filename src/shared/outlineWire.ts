// The outline as it crosses threads and the webview boundary: numeric columns as typed arrays and every id and
// name in one string. VS Code's webview postMessage JSON-encodes a message on the extension host's thread but
// hands typed arrays over as binary buffers (serializeBuffersForPostMessage), and a worker's postMessage
// transfers them without a copy; 14 columns of 100k numbers plus 200k small strings as plain arrays cost
// ~75 ms of host time per post, the packed form a few. The webview unpacks it back into a TraceOutline.
// Imported by both sides: no `vscode`, no DOM.
import type { OutlineHeader, TraceOutline } from './protocol';

export interface PackedOutline {
  readonly packed: 1;
  header: OutlineHeader;
  /** ids[0..n) then names[0..n), concatenated; `ends[k]` is where string k ends (UTF-16 units). */
  strings: string;
  ends: Int32Array;
  parent: Int32Array;
  depth: Int32Array;
  size: Int32Array;
  childCount: Int32Array;
  kind: Uint8Array;
  status: Uint8Array;
  start: Float64Array;
  end: Float64Array;
  tokens: Float64Array;
  tokensRolled: Float64Array;
  cost: Float64Array;
  costRolled: Float64Array;
  error: Uint8Array;
  errorIndices: Int32Array;
}

export function isPackedOutline(o: unknown): o is PackedOutline {
  return typeof o === 'object' && o !== null && (o as { packed?: unknown }).packed === 1;
}

export function packOutline(o: TraceOutline): PackedOutline {
  const n = o.header.stepCount;
  const ends = new Int32Array(2 * n);
  let at = 0;
  for (let i = 0; i < n; i++) ends[i] = at += o.ids[i]!.length;
  for (let i = 0; i < n; i++) ends[n + i] = at += o.names[i]!.length;
  return {
    packed: 1,
    header: o.header,
    // One join: V8 builds the result once instead of 200k intermediate concatenations.
    strings: o.ids.join('') + o.names.join(''),
    ends,
    parent: Int32Array.from(o.parent),
    depth: Int32Array.from(o.depth),
    size: Int32Array.from(o.size),
    childCount: Int32Array.from(o.childCount),
    kind: Uint8Array.from(o.kind),
    status: Uint8Array.from(o.status),
    start: Float64Array.from(o.start),
    end: Float64Array.from(o.end),
    tokens: Float64Array.from(o.tokens),
    tokensRolled: Float64Array.from(o.tokensRolled),
    cost: Float64Array.from(o.cost),
    costRolled: Float64Array.from(o.costRolled),
    error: Uint8Array.from(o.error),
    errorIndices: Int32Array.from(o.errorIndices),
  };
}

/** The typed arrays' buffers, for a worker's transfer list (packing made them; nothing else holds them). */
export function outlineBuffers(p: PackedOutline): ArrayBuffer[] {
  return [p.ends, p.parent, p.depth, p.size, p.childCount, p.kind, p.status, p.start, p.end, p.tokens, p.tokensRolled,
    p.cost, p.costRolled, p.error, p.errorIndices].map((a) => a.buffer as ArrayBuffer);
}

/** The id of step `i` without unpacking the rest. */
export function packedId(p: PackedOutline, i: number): string | undefined {
  if (!(i >= 0 && i < p.header.stepCount)) return undefined;
  return p.strings.slice(i === 0 ? 0 : p.ends[i - 1]!, p.ends[i]!);
}

/** The outline's numeric columns. */
type NumericColumn = 'parent' | 'depth' | 'size' | 'childCount' | 'kind' | 'status' | 'start' | 'end' | 'tokens' | 'tokensRolled' | 'cost'
  | 'costRolled' | 'error' | 'errorIndices';

/**
 * The outline as the webview reads it: numeric columns read by index and length only, so a packed outline's typed
 * arrays serve as they arrive (outlineView) and a plain TraceOutline is one too.
 */
export type OutlineView = Omit<TraceOutline, NumericColumn> & { readonly [K in NumericColumn]: ArrayLike<number> };

/** The ids and names split out of the one string, in pre-order: ids[0..n), names[n..2n). */
function splitStrings(p: PackedOutline): string[] {
  const n = p.header.stepCount;
  const strings = new Array<string>(2 * n);
  let from = 0;
  for (let k = 0; k < 2 * n; k++) {
    const to = p.ends[k]!;
    strings[k] = p.strings.slice(from, to);
    from = to;
  }
  return strings;
}

/**
 * A packed outline for the webview without copying its columns: only the strings are split (~30 ms less than
 * unpackOutline before the first paint of 100,000 steps, and no second copy of every column to collect).
 */
export function outlineView(p: PackedOutline): OutlineView {
  const n = p.header.stepCount;
  const strings = splitStrings(p);
  return {
    header: p.header, ids: strings.slice(0, n), names: strings.slice(n), parent: p.parent, depth: p.depth, size: p.size, childCount: p.childCount,
    kind: p.kind, status: p.status, start: p.start, end: p.end, tokens: p.tokens, tokensRolled: p.tokensRolled, cost: p.cost, costRolled: p.costRolled,
    error: p.error, errorIndices: p.errorIndices,
  };
}

export function unpackOutline(p: PackedOutline): TraceOutline {
  const n = p.header.stepCount;
  const strings = splitStrings(p);
  // A loop, not Array.from: Array.from walks a typed array through its iterator, ~8× slower (~40 ms of a 100k first paint).
  const list = (a: ArrayLike<number>): number[] => {
    const out = new Array<number>(a.length);
    for (let i = 0; i < a.length; i++) out[i] = a[i]!;
    return out;
  };
  return {
    header: p.header,
    ids: strings.slice(0, n),
    names: strings.slice(n),
    parent: list(p.parent),
    depth: list(p.depth),
    size: list(p.size),
    childCount: list(p.childCount),
    kind: list(p.kind),
    status: list(p.status),
    start: list(p.start),
    end: list(p.end),
    tokens: list(p.tokens),
    tokensRolled: list(p.tokensRolled),
    cost: list(p.cost),
    costRolled: list(p.costRolled),
    error: list(p.error),
    errorIndices: list(p.errorIndices),
  };
}
