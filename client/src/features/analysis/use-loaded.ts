/**
 * Loads data for a key and returns it only while the key is current (null while the next key loads), without
 * clearing state inside an effect. `load` and `onError` are read from refs, so only the key triggers a reload.
 */
import { useEffect, useRef, useState } from 'react';

export function useLoaded<T>(
  key: string,
  load: () => Promise<T>,
  onError: (error: unknown) => void,
): T | null {
  const [state, setState] = useState<{ key: string; data: T } | null>(null);
  const loadRef = useRef(load);
  const errorRef = useRef(onError);
  useEffect(() => {
    loadRef.current = load;
    errorRef.current = onError;
  });
  useEffect(() => {
    let live = true;
    loadRef
      .current()
      .then((data) => live && setState({ key, data }))
      .catch((error: unknown) => live && errorRef.current(error));
    return () => {
      live = false;
    };
  }, [key]);
  return state?.key === key ? state.data : null;
}
