// Search box, match and error navigation above the tree.
import type { Ref } from 'preact';
import { formatNumber } from '../format';
import { plural } from '../../src/shared/text';

export interface ToolbarProps {
  inputRef: Ref<HTMLInputElement>;
  query: string;
  matchCount: number | null;
  truncated: boolean;
  activeMatch: number;
  /** The query whose results the tree shows (the bench and tests wait for it). */
  resultsFor: string;
  errorCount: number;
  onQuery(q: string): void;
  onMatch(dir: 1 | -1): void;
  onError(dir: 1 | -1): void;
  onClear(): void;
  onCollapseAll(): void;
  onExpandAll(): void;
}

export function Toolbar(p: ToolbarProps) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      p.onMatch(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      p.onClear();
    }
  };
  const count =
    p.matchCount === null
      ? ''
      : p.matchCount === 0
        ? 'No results'
        : `${p.activeMatch >= 0 ? `${formatNumber(p.activeMatch + 1)} of ` : ''}${plural(p.matchCount, 'match', 'matches', (n) => `${formatNumber(n)}${p.truncated ? '+' : ''}`)}`;
  return (
    <div class="toolbar" role="toolbar" aria-label="Trace tools">
      <div class="search">
        <span class="codicon codicon-search" aria-hidden="true" />
        <input
          ref={p.inputRef}
          type="search"
          class="search-input"
          placeholder="Search names, inputs, outputs (/)"
          aria-label="Search steps"
          value={p.query}
          onInput={(e) => p.onQuery((e.target as HTMLInputElement).value)}
          onKeyDown={onKeyDown}
        />
        <span class="search-count" aria-live="polite" data-results-for={p.resultsFor}>
          {count}
        </span>
        <IconButton icon="arrow-up" label="Previous match (Shift+Enter)" disabled={!p.matchCount} onClick={() => p.onMatch(-1)} />
        <IconButton icon="arrow-down" label="Next match (Enter)" disabled={!p.matchCount} onClick={() => p.onMatch(1)} />
      </div>
      <div class="toolbar-actions">
        <span class={`error-count${p.errorCount ? ' has-errors' : ''}`}>
          <span class="codicon codicon-error" aria-hidden="true" /> {formatNumber(p.errorCount)}
        </span>
        <IconButton icon="chevron-up" label="Previous error (Shift+F8)" disabled={!p.errorCount} onClick={() => p.onError(-1)} />
        <IconButton icon="chevron-down" label="Next error (F8)" disabled={!p.errorCount} onClick={() => p.onError(1)} />
        <IconButton icon="expand-all" label="Expand all" onClick={p.onExpandAll} />
        <IconButton icon="collapse-all" label="Collapse all" onClick={p.onCollapseAll} />
      </div>
    </div>
  );
}

function IconButton(p: { icon: string; label: string; disabled?: boolean; onClick(): void }) {
  return (
    <button
      type="button"
      class={`icon-button codicon codicon-${p.icon}`}
      title={p.label}
      aria-label={p.label}
      disabled={p.disabled}
      onClick={p.onClick}
    />
  );
}
