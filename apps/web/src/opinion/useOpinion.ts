import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { readOpinion, type Opinion } from '@yipan/domain';

/** Serialised form used to skip re-renders for document updates that did not touch this opinion. */
const keyOf = (opinion: Opinion | null) => JSON.stringify(opinion);

/** A topic's opinion as read from the shared document, re-read whenever anyone changes the document. */
export function useOpinion(doc: Y.Doc, topicId: string): Opinion | null {
  const [opinion, setOpinion] = useState(() => readOpinion(doc, topicId));
  useEffect(() => {
    let last = '';
    const refresh = () => {
      const next = readOpinion(doc, topicId);
      const key = keyOf(next);
      if (key === last) return;
      last = key;
      setOpinion(next);
    };
    refresh();
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
  }, [doc, topicId]);
  return opinion;
}
