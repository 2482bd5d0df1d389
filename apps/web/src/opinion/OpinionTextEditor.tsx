import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindTextarea } from '../collab/bindTextarea';

type Props = { id: string; text: Y.Text; placeholder: string; disabled: boolean };

/** Rows shown for the opinion: it is usually a few numbered paragraphs. */
const OPINION_ROWS = 8;

/** The opinion's text, bound to its Y.Text so that several people drafting it at once merge their typing. */
export function OpinionTextEditor({ id, text, placeholder, disabled }: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const textarea = ref.current;
    return textarea ? bindTextarea(textarea, text) : undefined;
  }, [text]);
  return (
    <textarea
      ref={ref}
      id={id}
      className="notes-editor opinion-text"
      placeholder={placeholder}
      readOnly={disabled}
      rows={OPINION_ROWS}
      data-testid="opinion-text"
    />
  );
}
