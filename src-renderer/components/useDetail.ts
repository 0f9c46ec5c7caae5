import { useCallback, useEffect, useState } from 'react';
import { AdminCallError, errorMessage } from '../api/admin-client';

export interface Detail<T> {
  value: T | null;
  error: string | null;
  notFound: boolean;
  reload(): void;
  set(value: T): void;
}

/** Loads one object and reloads it whenever `version` moves (live updates); stale answers are dropped. */
export function useDetail<T>(fetchValue: () => Promise<T>, key: string, version: number): Detail<T> {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [tick, setTick] = useState(0);
  // The fetch function is re-created on every render; `key` says when it really asks for something else.
  const fetcher = useCallback(fetchValue, [key]);

  useEffect(() => {
    let current = true;
    fetcher().then(
      (next) => { if (current) { setValue(next); setError(null); setNotFound(false); } },
      (failure: unknown) => {
        if (!current) return;
        if (failure instanceof AdminCallError && failure.code === 'NotFound') setNotFound(true);
        else setError(errorMessage(failure));
      },
    );
    return () => { current = false; };
  }, [fetcher, version, tick]);

  return { value, error, notFound, reload: () => setTick((n) => n + 1), set: setValue };
}
