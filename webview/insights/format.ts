// Number formats for the insights panel: every figure the charts draw, exactly, for hovers and tables.

export function fmtMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function fmtCost(v: number | null | undefined, unit: 'usd' | 'credits'): string {
  if (v === null || v === undefined) return '—';
  if (unit === 'credits') return `${Number(v.toFixed(2)).toLocaleString('en-US')} credits`;
  return v !== 0 && Math.abs(v) < 0.01 ? `$${v.toFixed(4)}` : `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

export function fmtNum(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined) return '—';
  return v.toLocaleString('en-US', { maximumFractionDigits: digits });
}

export function fmtPct(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;
}

export function fmtBucket(t: number, unit: 'hour' | 'day'): string {
  const d = new Date(t);
  const date = d.toLocaleDateString('en-CA');
  return unit === 'day' ? date : `${date} ${d.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}`;
}

/** A signed change for a delta cell: "+12.0%", "−300 ms". */
export function fmtDelta(v: number | undefined, kind: 'pct' | 'ms' | 'num' | 'cost', unit: 'usd' | 'credits' = 'usd'): string {
  if (v === undefined) return '';
  const sign = v > 0 ? '+' : v < 0 ? '−' : '±';
  const a = Math.abs(v);
  const body = kind === 'pct' ? `${(a * 100).toFixed(1)} pt` : kind === 'ms' ? fmtMs(a) : kind === 'cost' ? fmtCost(a, unit) : fmtNum(a);
  return `${sign}${body}`;
}
