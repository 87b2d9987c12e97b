import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { SseParser } from '@rosterlink/ui';
import { describeChange, staleQueriesOf } from './logic/live-invalidation';
import type { LiveChange } from './types';

export type LiveState = 'connecting' | 'live' | 'offline';

/**
 * Follows `/api/live` (read with fetch, so the token goes in a header, not the URL) and marks
 * the queries an event touches as stale, so open views refresh themselves. Reconnects after a drop.
 */
export function useLiveUpdates(token: string): { state: LiveState; lastChange: string | null } {
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');
  const [lastChange, setLastChange] = useState<string | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    const follow = async () => {
      while (!abort.signal.aborted) {
        try {
          const response = await fetch('/api/live', { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
          if (!response.ok || !response.body) throw new Error(`live updates answered ${response.status}`);
          setState('live');
          const parser = new SseParser();
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            for (const message of parser.push(value)) {
              if (message.event !== 'change') continue;
              const change = JSON.parse(message.data) as LiveChange;
              for (const key of staleQueriesOf(change)) void queryClient.invalidateQueries({ queryKey: [key] });
              setLastChange(describeChange(change));
            }
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        setState('offline');
        await new Promise((resolve) => setTimeout(resolve, 3000));
      }
    };
    void follow();
    return () => abort.abort();
  }, [token, queryClient]);

  return { state, lastChange };
}
