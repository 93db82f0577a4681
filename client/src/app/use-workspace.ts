/** The open workspace, kept in the location hash (#/planning) so a reload or a link opens the same one. */
import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_WORKSPACE, workspaceFromHash } from './workspaces';

export function useWorkspace(): [string, (id: string) => void] {
  const [id, setId] = useState(() => workspaceFromHash(window.location.hash));
  useEffect(() => {
    const onHash = () => setId(workspaceFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const open = useCallback((next: string) => {
    window.location.hash = next === DEFAULT_WORKSPACE ? '' : `/${next}`;
    setId(next);
  }, []);
  return [id, open];
}
