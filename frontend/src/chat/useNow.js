import { useEffect, useState } from 'react';

/** The current time, refreshed every `intervalMs` (for "last seen 5 min ago"). */
export function useNow(intervalMs) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
