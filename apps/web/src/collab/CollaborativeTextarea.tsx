import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindTextarea } from './bindTextarea';

type Props = {
  id: string;
  text: Y.Text;
  placeholder: string;
  disabled: boolean;
  rows: number;
  className: string;
  testId: string;
};

/**
 * A plain textarea bound to a Y.Text (topic notes, step notes, an opinion): everyone's typing merges
 * character by character instead of the last save winning.
 */
export function CollaborativeTextarea({ id, text, placeholder, disabled, rows, className, testId }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const textarea = ref.current;
    return textarea ? bindTextarea(textarea, text) : undefined;
  }, [text]);
  return (
    <textarea
      ref={ref}
      id={id}
      className={className}
      placeholder={placeholder}
      readOnly={disabled}
      rows={rows}
      data-testid={testId}
    />
  );
}
