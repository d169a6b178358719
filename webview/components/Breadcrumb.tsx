// Where the selected step sits: its ancestors from the root, each a button that selects it (Tab reaches
// them, Enter or a click selects). The tree's indentation stops growing past a few levels, so in a deep
// trace this is how the path reads. A long path shows its ends and opens its middle on request.
import { useState } from 'preact/hooks';
import type { OutlineView } from '../../src/shared/outlineWire';
import { plural, showHidden } from '../../src/shared/text';
import { formatNumber } from '../format';
import { Text } from './Text';

const HEAD = 2;
const TAIL = 4;

export function Breadcrumb({ o, index, onSelect }: { o: OutlineView; index: number; onSelect(index: number): void }) {
  const [all, setAll] = useState(false);
  const path: number[] = [];
  for (let p = o.parent[index]!; p >= 0; p = o.parent[p]!) path.push(p);
  path.reverse();
  if (path.length === 0) return null;
  const cut = !all && path.length > HEAD + TAIL + 1;
  const crumb = (i: number) => (
    <li key={i}>
      <button type="button" class="crumb link-button" title={`Select ${showHidden(o.names[i]!)} (depth ${o.depth[i]!})`} onClick={() => onSelect(i)}>
        <Text value={o.names[i]!} />
      </button>
    </li>
  );
  return (
    <nav class="breadcrumb" aria-label={`Path of this step, ${plural(path.length, 'level', undefined, formatNumber)} deep`}>
      <ol>
        {(cut ? path.slice(0, HEAD) : path).map(crumb)}
        {cut && (
          <li key="more">
            <button type="button" class="crumb-more link-button" title="Show every level of the path" onClick={() => setAll(true)}>
              … {formatNumber(path.length - HEAD - TAIL)} more
            </button>
          </li>
        )}
        {cut && path.slice(-TAIL).map(crumb)}
        <li key="here" aria-current="location" class="crumb-current">
          <Text value={o.names[index]!} />
        </li>
      </ol>
    </nav>
  );
}
