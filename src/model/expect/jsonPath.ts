// The JSON paths `output.jsonPath` accepts: `$` then `.name`, `['any name']` / `["any name"]` and `[index]`
// (negative counts from the end), e.g. `$.lines[0].sku`. No wildcards or filters: one path, one value.
// Pure: no `vscode`.

export type PathSeg = string | number;

export function parseJsonPath(path: string): PathSeg[] {
  if (!path.startsWith('$')) throw new Error(`"${path}" is not a JSON path: start it with $ (e.g. "$.total").`);
  const segs: PathSeg[] = [];
  let i = 1;
  const bad = (why: string): never => {
    throw new Error(`"${path}" is not a supported JSON path (at character ${i + 1}: ${why}). Use $.name, $['a name'] and $.list[0].`);
  };
  while (i < path.length) {
    const c = path[i];
    if (c === '.') {
      const m = /^[A-Za-z_$][\w$-]*/.exec(path.slice(i + 1));
      if (!m) bad('a name was expected after "."');
      segs.push((m as RegExpExecArray)[0]);
      i += 1 + (m as RegExpExecArray)[0].length;
    } else if (c === '[') {
      const rest = path.slice(i);
      const idx = /^\[(-?\d+)\]/.exec(rest);
      const quoted = /^\[(['"])((?:\\.|(?!\1).)*)\1\]/.exec(rest);
      if (idx) {
        segs.push(Number(idx[1]));
        i += idx[0].length;
      } else if (quoted) {
        segs.push((quoted[2] as string).replace(/\\(.)/g, '$1'));
        i += quoted[0].length;
      } else {
        bad('"[" must hold an index or a quoted name');
      }
    } else {
      bad(`unexpected "${c}"`);
    }
  }
  return segs;
}

/** The value at a path, or `found: false` where the path leads nowhere. */
export function readJsonPath(value: unknown, path: readonly PathSeg[]): { found: boolean; value?: unknown } {
  let cur: unknown = value;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return { found: false };
      const i = seg < 0 ? cur.length + seg : seg;
      if (i < 0 || i >= cur.length) return { found: false };
      cur = cur[i];
    } else {
      if (!cur || typeof cur !== 'object' || Array.isArray(cur) || !Object.prototype.hasOwnProperty.call(cur, seg)) return { found: false };
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return { found: true, value: cur };
}

/** JSON equality: same types, same array order, same keys in any order. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
