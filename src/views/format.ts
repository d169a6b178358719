// Compact, human formatting for tree labels, descriptions and tooltips. Pure: no `vscode`.

export function formatRelativeTime(ms: number, now: number): string {
  const diff = now - ms;
  const abs = Math.abs(diff);
  const future = diff < 0;
  const unit = (n: number, u: string) => `${n} ${u}${n === 1 ? '' : 's'}`;
  let text: string;
  if (abs < 45_000) return 'just now';
  if (abs < 3_600_000) text = unit(Math.round(abs / 60_000), 'min');
  else if (abs < 86_400_000) text = unit(Math.round(abs / 3_600_000), 'hour');
  else if (abs < 30 * 86_400_000) text = unit(Math.round(abs / 86_400_000), 'day');
  else return new Date(ms).toISOString().slice(0, 10);
  return future ? `in ${text}` : `${text} ago`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return h ? `${h}h ${m}m` : `${m}m ${s}s`;
}

export function formatTokens(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n < 1000) return `${n} tok`;
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k tok`;
  return `${(n / 1_000_000).toFixed(1)}M tok`;
}

/** USD with enough precision for sub-cent LLM calls. */
export function formatCost(usd: number): string {
  if (!Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(4)}`;
  if (usd < 100) return `$${usd.toFixed(2)}`;
  return `$${Math.round(usd).toLocaleString('en-US')}`;
}

export function formatTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

/** Zaia credits: a count, not money. Up to two decimals, no trailing zeros ("1 credit", "2.5 credits"). */
export function formatCredits(n: number): string {
  if (!Number.isFinite(n)) return '—';
  const text = String(Number(n.toFixed(Math.abs(n) >= 0.01 || n === 0 ? 2 : 4)));
  return `${text} ${text === '1' ? 'credit' : 'credits'}`;
}
