// A strict little XML reader for the JUnit tests: elements, attributes, text; throws on anything malformed
// (unclosed or mismatched tags, unescaped < or &), so a JUnit file that a CI system would reject fails here too.
export interface El { name: string; attrs: Record<string, string>; children: El[]; text: string }

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescape = (s: string): string => {
  if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(s)) throw new Error(`unescaped & in ${JSON.stringify(s.slice(0, 40))}`);
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) => (e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e] as string));
};

export function parseXml(text: string): El {
  let i = 0;
  const decl = /^<\?xml[^?]*\?>\s*/.exec(text);
  if (!decl) throw new Error('no XML declaration');
  i = decl[0].length;
  const el = (): El => {
    const open = /^<([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/.exec(text.slice(i));
    if (!open) throw new Error(`expected an element at ${i}: ${text.slice(i, i + 30)}`);
    i += open[0].length;
    const attrs: Record<string, string> = {};
    for (const m of (open[2] ?? '').matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[m[1] as string] = unescape(m[2] as string);
    const node: El = { name: open[1] as string, attrs, children: [], text: '' };
    if (open[3]) return node;
    for (;;) {
      const close = new RegExp(`^</${node.name}>`).exec(text.slice(i));
      if (close) {
        i += close[0].length;
        return node;
      }
      if (text.startsWith('</', i)) throw new Error(`mismatched close tag at ${i}: ${text.slice(i, i + 30)}`);
      if (text[i] === '<') node.children.push(el());
      else {
        const end = text.indexOf('<', i);
        if (end < 0) throw new Error(`unclosed <${node.name}>`);
        node.text += unescape(text.slice(i, end));
        i = end;
      }
    }
  };
  const root = el();
  if (text.slice(i).trim()) throw new Error('text after the root element');
  return root;
}
