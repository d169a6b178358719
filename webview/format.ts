// Display formatting and the kind/status → codicon tables. Shared by the tree and the detail pane.
import type { StepKind, StepStatus } from '../src/model/types';

export const KIND_ICON: Record<StepKind, string> = {
  agent: 'hubot',
  flow: 'type-hierarchy-sub',
  llm: 'sparkle',
  tool: 'tools',
  hitl: 'person',
  retrieval: 'database',
  other: 'circle-outline',
};

export const KIND_LABEL: Record<StepKind, string> = {
  agent: 'Agent',
  flow: 'Flow',
  llm: 'LLM call',
  tool: 'Tool call',
  hitl: 'Approval gate',
  retrieval: 'Retrieval',
  other: 'Step',
};

export const STATUS_ICON: Record<StepStatus, string> = {
  ok: 'pass',
  error: 'error',
  running: 'loading codicon-modifier-spin',
  unknown: 'question',
};

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const s = Math.round(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatTokens(n: number): string {
  if (!n) return '';
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

export function formatCost(value: number, currency: string, empty = ''): string {
  if (!value) return empty;
  if (currency === 'credits') return formatCredits(value);
  const digits = value >= 1 ? 2 : value >= 0.01 ? 3 : 5;
  const n = value.toFixed(digits);
  return currency === 'USD' ? `$${n}` : `${n} ${currency}`;
}

/** For the narrow cost column: credits as a bare number (the column header says "Credits"). */
export function formatCostCell(value: number, currency: string): string {
  if (currency !== 'credits' || !value) return formatCost(value, currency);
  return String(Number(value.toFixed(Math.abs(value) >= 0.01 ? 2 : 4)));
}

/** Zaia credits are counts, not money: no currency sign, no trailing zeros, "1 credit". */
function formatCredits(value: number): string {
  const digits = Math.abs(value) >= 0.01 ? 2 : 4;
  const n = String(Number(value.toFixed(digits)));
  return `${n} ${n === '1' ? 'credit' : 'credits'}`;
}

export function formatTime(ms: number | undefined): string {
  if (ms === undefined || ms < 0 || !Number.isFinite(ms)) return '—';
  const d = new Date(ms);
  const pad = (x: number, w = 2) => String(x).padStart(w, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** 1234567 → "1,234,567". Not toLocaleString: its first call loads ICU data, ~20 ms of the first paint. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const neg = n < 0;
  const [int, frac] = String(Math.abs(n)).split('.');
  let out = '';
  for (let i = int!.length; i > 0; i -= 3) out = int!.slice(Math.max(0, i - 3), i) + (out ? `,${out}` : '');
  return (neg ? '-' : '') + out + (frac ? `.${frac}` : '');
}

/** JSON for display and copy; never throws (cycles, BigInt) on untrusted values. */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
