// A collapsible JSON viewer for untrusted values. Lazy: a node renders its children only once expanded,
// large containers show them a page at a time, and long strings are cut with "show more".
import { useState } from 'preact/hooks';
import { showHidden } from '../../src/shared/text';
import { toJson } from '../format';
import { CopyButton } from './common';
import { Text } from './Text';

const CHILD_PAGE = 100;
const STRING_CAP = 500;

export function JsonView({ value, label, expandDepth = 1 }: { value: unknown; label: string; expandDepth?: number }) {
  return (
    <div class="json" role="group" aria-label={showHidden(label)}>
      <div class="json-tools">
        <CopyButton text={() => toJson(value)} label={`${label} as JSON`} />
      </div>
      <JsonNode name={null} value={value} depth={0} expandDepth={expandDepth} />
    </div>
  );
}

function JsonNode(props: { name: string | null; value: unknown; depth: number; expandDepth: number }) {
  const { name, value, depth } = props;
  const container = typeof value === 'object' && value !== null;
  const [open, setOpen] = useState(depth < props.expandDepth);
  const [limit, setLimit] = useState(CHILD_PAGE);
  const key = name === null ? null : <span class="json-key"><Text value={name} />: </span>;
  if (!container) {
    return (
      <div class="json-line">
        {key}
        <Scalar value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray
    ? (value as unknown[]).map((v, i) => [String(i), v])
    : Object.entries(value as Record<string, unknown>);
  const summary = isArray ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <div class="json-node">
      <button
        type="button"
        class="json-toggle"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span class={`codicon codicon-${open ? 'chevron-down' : 'chevron-right'}`} aria-hidden="true" />
        {key}
        <span class="json-summary">{summary}</span>
      </button>
      {open && (
        <div class="json-children">
          {entries.slice(0, limit).map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} expandDepth={props.expandDepth} />
          ))}
          {entries.length > limit && (
            <button type="button" class="link-button show-more" onClick={() => setLimit(limit + CHILD_PAGE * 10)}>
              Show more ({entries.length - limit} more)
            </button>
          )}
        </div>
      )}
    </div>
  );
}

function Scalar({ value }: { value: unknown }) {
  const [full, setFull] = useState(false);
  if (typeof value === 'string') {
    const cut = !full && value.length > STRING_CAP;
    return (
      <span class="json-string">
        "<Text value={cut ? value.slice(0, STRING_CAP) : value} multiline />"
        {cut && (
          <button type="button" class="link-button show-more" onClick={() => setFull(true)}>
            … show {value.length - STRING_CAP} more
          </button>
        )}
      </span>
    );
  }
  if (typeof value === 'number') return <span class="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span class="json-boolean">{String(value)}</span>;
  if (value === null) return <span class="json-null">null</span>;
  return <span class="json-null">{String(value)}</span>;
}
