// State that survives a webview reload: backed by the VS Code API's getState/setState. Each key is one
// field of PersistedViewState; writes are merged, so several hooks can share the one state object.
import { useCallback, useState } from 'preact/hooks';
import type { PersistedViewState } from '../../src/shared/protocol';
import { useHost } from '../vscodeApi';

export function usePersistedState<K extends keyof PersistedViewState>(
  key: K,
  initial: NonNullable<PersistedViewState[K]>,
): [NonNullable<PersistedViewState[K]>, (value: NonNullable<PersistedViewState[K]>) => void] {
  const { api } = useHost();
  const [value, setValue] = useState<NonNullable<PersistedViewState[K]>>(
    () => (api.getState()?.[key] as NonNullable<PersistedViewState[K]> | undefined) ?? initial,
  );
  const set = useCallback(
    (next: NonNullable<PersistedViewState[K]>) => {
      setValue(next);
      api.setState({ ...api.getState(), [key]: next });
    },
    [api, key],
  );
  return [value, set];
}

/** Writes without re-rendering (scroll position: persisted, but the list already knows it). */
export function persistQuietly<K extends keyof PersistedViewState>(
  api: { getState(): PersistedViewState | undefined; setState(s: PersistedViewState): void },
  key: K,
  value: PersistedViewState[K],
): void {
  api.setState({ ...api.getState(), [key]: value });
}
