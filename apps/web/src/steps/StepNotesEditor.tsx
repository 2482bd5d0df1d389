import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindTextarea } from '../collab/bindTextarea';

type Props = { id: string; text: Y.Text; placeholder: string; disabled: boolean };

/** A step's collaborative notes: a textarea bound to its Y.Text, so colleagues' typing merges. */
export function StepNotesEditor({ id, text, placeholder, disabled }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const textarea = ref.current;
    return textarea ? bindTextarea(textarea, text) : undefined;
  }, [text]);
  return (
    <textarea
      ref={ref}
      id={id}
      className="step-notes"
      placeholder={placeholder}
      readOnly={disabled}
      rows={2}
      data-testid="step-notes"
    />
  );
}
