// Which run files `agentlens test` runs: files, folders (every *.agentrun.json under them) and globs (`*`, `?`,
// `**`), relative to the working directory. node_modules and dot-folders are not searched. Pure Node: no `vscode`.
import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { isRunFileName } from '../model/runFile';

/** A glob as a regular expression over `/`-separated relative paths. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches any number of folders, including none.
        if (glob[i + 2] === '/') { re += '(?:.*/)?'; i += 2; } else { re += '.*'; i += 1; }
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else re += /[.+^${}()|[\]\\]/.test(c) ? `\\${c}` : c;
  }
  return new RegExp(`^${re}$`);
}

const isGlob = (s: string): boolean => /[*?]/.test(s);

async function walk(dir: string, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile()) out.push(p);
  }
}

/** Absolute paths of the files the patterns name, sorted, each once; `missing` lists patterns that matched nothing. */
export async function findRunFiles(patterns: readonly string[], cwd: string): Promise<{ files: string[]; missing: string[] }> {
  const found = new Set<string>();
  const missing: string[] = [];
  const list = patterns.length > 0 ? patterns : ['**/*.agentrun.json'];
  let all: string[] | undefined;
  for (const p of list) {
    const before = found.size;
    if (isGlob(p)) {
      all ??= await (async () => { const out: string[] = []; await walk(cwd, out); return out; })();
      const re = globToRegExp(p.replace(/\\/g, '/').replace(/^\.\//, ''));
      for (const f of all) if (re.test(relative(cwd, f).split(sep).join('/'))) found.add(f);
    } else {
      const abs = resolve(cwd, p);
      const s = await stat(abs).catch(() => undefined);
      if (s?.isDirectory()) {
        const out: string[] = [];
        await walk(abs, out);
        for (const f of out) if (isRunFileName(f)) found.add(f);
      } else if (s?.isFile()) found.add(abs);
    }
    if (found.size === before) missing.push(p);
  }
  return { files: [...found].sort(), missing };
}
