import { useCallback, useEffect, useRef, useState } from 'react';

/** How long typing may pause before the text is written to the document: one edit, not one update per key. */
export const TEXT_COMMIT_DELAY_MS = 600;

type Options = {
  value: string;
  onCommit: (text: string) => void;
  validate?: (text: string) => string | null;
  /** Show the validation message even before the user typed (e.g. after a failed save). */
  forceValidation?: boolean;
};

/**
 * A text field's local draft over a shared value: typing is written after a pause, on blur and on Enter;
 * invalid text is never written and keeps its message; without a draft, remote changes show at once.
 */
export function useDraftText({ value, onCommit, validate, forceValidation = false }: Options) {
  const [draft, setDraft] = useState<string | null>(null);
  const pending = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef({ value, onCommit, validate });
  latest.current = { value, onCommit, validate };

  const commit = useCallback((text: string): boolean => {
    clearTimeout(timer.current);
    pending.current = null;
    const { value: current, onCommit: write, validate: check } = latest.current;
    if (check?.(text)) return false;
    if (text.trim() !== current) write(text.trim());
    return true;
  }, []);

  const onChange = useCallback(
    (text: string) => {
      setDraft(text);
      pending.current = text;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => commit(text), TEXT_COMMIT_DELAY_MS);
    },
    [commit],
  );
  const finish = useCallback(() => {
    if (draft !== null && commit(draft)) setDraft(null);
  }, [draft, commit]);
  /** Writes a complete value at once (a suggestion picked from a list). */
  const commitNow = useCallback(
    (text: string) => {
      if (commit(text)) setDraft(null);
      else setDraft(text);
    },
    [commit],
  );

  // The drawer may close mid-pause: write what was typed rather than lose it.
  useEffect(
    () => () => {
      if (pending.current !== null) commit(pending.current);
    },
    [commit],
  );

  const shown = draft ?? value;
  const error = draft !== null || forceValidation ? (validate?.(shown) ?? null) : null;
  return { value: shown, error, onChange, onBlur: finish, onPressEnter: finish, commitNow };
}
