// The islands, for the island filters and the place form: asked once per page.
import { useMemo } from 'react';
import { listIslands, type Island } from '../../api/tourism';
import { useLoad, type Load } from '../../api/use-load';

export function useIslands(): Load<Island[]> & { options: { value: string; label: string }[] } {
  const islands = useLoad((signal) => listIslands(signal).then((r) => r.items), []);
  const options = useMemo(
    () => (islands.data ?? []).map((i) => ({ value: i.code, label: i.name })),
    [islands.data],
  );
  return { ...islands, options };
}
