import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindTextarea } from '../collab/bindTextarea';

type Props = { id: string; text: Y.Text; placeholder: string; disabled: boolean };

/** A plain textarea bound to a topic's collaborative notes: everyone's typing merges character by character. */
export function NotesEditor({ id, text, placeholder, disabled }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const textarea = ref.current;
    return textarea ? bindTextarea(textarea, text) : undefined;
  }, [text]);
  return (
    <textarea
      ref={ref}
      id={id}
      className="notes-editor"
      placeholder={placeholder}
      readOnly={disabled}
      rows={6}
      data-testid="topic-notes"
    />
  );
}
