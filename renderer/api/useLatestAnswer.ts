import { useCallback, useRef } from 'react';

/**
 * For a list read again after each change: the reads travel as separate requests, so their
 * answers can come back in another order (a loaded machine). Only the newest read's answer is
 * applied; an older one coming after it would put back a list from before the change, and keep
 * it until the next read.
 */
export function useLatestAnswer(): <T>(answer: Promise<T>, apply: (value: T) => void) => Promise<void> {
  const asked = useRef(0);
  return useCallback(async <T>(answer: Promise<T>, apply: (value: T) => void) => {
    const ticket = ++asked.current;
    const value = await answer;
    if (ticket === asked.current) apply(value);
  }, []);
}
