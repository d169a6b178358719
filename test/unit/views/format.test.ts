import * as assert from 'node:assert/strict';
import { formatCost, formatDuration, formatRelativeTime, formatTimestamp, formatTokens } from '../../../src/views/format';
import { escapeMarkdown, markdownTable, noLinks } from '../../../src/views/markdown';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('formatting', () => {
  it('relative times', () => {
    assert.equal(formatRelativeTime(NOW - 10_000, NOW), 'just now');
    assert.equal(formatRelativeTime(NOW - 60_000, NOW), '1 min ago');
    assert.equal(formatRelativeTime(NOW - 5 * 60_000, NOW), '5 mins ago');
    assert.equal(formatRelativeTime(NOW - 3 * 3_600_000, NOW), '3 hours ago');
    assert.equal(formatRelativeTime(NOW - 2 * 86_400_000, NOW), '2 days ago');
    assert.equal(formatRelativeTime(NOW - 40 * 86_400_000, NOW), '2026-10-14');
    assert.equal(formatRelativeTime(NOW + 2 * 3_600_000, NOW), 'in 2 hours');
  });

  it('durations', () => {
    assert.equal(formatDuration(0), '0 ms');
    assert.equal(formatDuration(850), '850 ms');
    assert.equal(formatDuration(1234), '1.23 s');
    assert.equal(formatDuration(12_345), '12.3 s');
    assert.equal(formatDuration(125_000), '2m 5s');
    assert.equal(formatDuration(3 * 3_600_000 + 120_000), '3h 2m');
    assert.equal(formatDuration(-1), '—');
  });

  it('tokens and costs', () => {
    assert.equal(formatTokens(999), '999 tok');
    assert.equal(formatTokens(1500), '1.5k tok');
    assert.equal(formatTokens(15_000), '15k tok');
    assert.equal(formatTokens(2_500_000), '2.5M tok');
    assert.equal(formatCost(0), '$0');
    assert.equal(formatCost(0.00031), '$0.0003');
    assert.equal(formatCost(1.234), '$1.23');
    assert.equal(formatCost(1234.5), '$1,235');
  });

  it('timestamps in UTC', () => {
    assert.equal(formatTimestamp(NOW), '2026-11-23 12:00:00 UTC');
  });
});

describe('markdown escaping of API text', () => {
  it('notification text keeps its characters but can never be a link', () => {
    const out = noLinks('Approve? [Yes](command:agentlens.signOut) or [x] (y)');
    assert.equal(out.replace(/\u200b/g, ''), 'Approve? [Yes](command:agentlens.signOut) or [x] (y)');
    assert.doesNotMatch(out, /\]\s*\(/);
    assert.equal(noLinks('plain'), 'plain');
  });

  it('neutralizes links, images, HTML and emphasis', () => {
    const evil = '[click](command:workbench.action.terminal.new) ![x](https://e.vil/p.png) <img src=x onerror=alert(1)> **b**';
    const out = escapeMarkdown(evil);
    assert.equal(out.includes('](') , false);
    assert.equal(out.includes('<img'), false);
    assert.equal(out.includes('**'), false);
    assert.match(out, /&lt;img src=x onerror=alert\\\(1\\\)&gt;/);
  });

  it('keeps a table to one line per row', () => {
    const t = markdownTable([['a|b', 'line1\nline2']]);
    assert.deepEqual(t.split('\n').length, 3);
    assert.match(t, /a\\\|b/);
  });
});
