// How an execution status looks in the tree: codicon, theme colour and words. Unknown values (the enum is
// open) keep their own spelling and a neutral icon. Pure: no `vscode`.
import { normalizeEnum } from '../api/fruxon/enums';
import { isRunning } from '../api/fruxon/schemas';

export interface StatusLook {
  readonly icon: string;        // codicon id, `~spin` allowed
  readonly color?: string;      // theme colour id
  readonly label: string;
  readonly key: string;         // used in contextValue: lower-case, stable
  readonly running: boolean;
}

const looks: Record<string, Omit<StatusLook, 'key'>> = {
  IN_PROGRESS: { icon: 'loading~spin', color: 'charts.blue', label: 'Running', running: true },
  WAITING_FOR_ASYNC: { icon: 'debug-pause', color: 'charts.yellow', label: 'Waiting for a human', running: true },
  COMPLETED: { icon: 'pass', color: 'testing.iconPassed', label: 'Completed', running: false },
  FAILED: { icon: 'error', color: 'testing.iconFailed', label: 'Failed', running: false },
  CANCELLED: { icon: 'circle-slash', color: 'disabledForeground', label: 'Cancelled', running: false },
  REJECTED: { icon: 'thumbsdown', color: 'charts.orange', label: 'Rejected', running: false },
};

export function statusLook(status: string | null | undefined, endTime?: number): StatusLook {
  const norm = normalizeEnum(status ?? '');
  const known = looks[norm];
  if (known) return { ...known, key: norm.toLowerCase() };
  // An unknown status on a record that has not ended is still running, whatever it is called.
  const running = endTime !== undefined && isRunning({ endTime, status });
  return {
    icon: running ? 'loading~spin' : 'question',
    label: status ? String(status) : 'Unknown',
    key: 'unknown',
    running,
  };
}

export const KNOWN_STATUSES = Object.keys(looks);
