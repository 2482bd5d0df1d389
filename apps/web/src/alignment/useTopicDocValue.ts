import { useEffect, useState } from 'react';
import type * as Y from 'yjs';

/**
 * Something read from a topic of the plan's shared document (its links, whether it is joint), re-read
 * whenever anyone changes the document; an update that leaves the value as it was keeps the same object, so
 * a board of many cards does not re-render on every keystroke.
 */
export function useTopicDocValue<T>(
  doc: Y.Doc,
  topicId: string,
  read: (doc: Y.Doc, topicId: string) => T,
): T {
  const [value, setValue] = useState(() => read(doc, topicId));
  useEffect(() => {
    let last: string | null = null;
    const refresh = () => {
      const next = read(doc, topicId);
      const key = JSON.stringify(next);
      if (key === last) return;
      last = key;
      setValue(next);
    };
    refresh();
    doc.on('update', refresh);
    return () => doc.off('update', refresh);
  }, [doc, topicId, read]);
  return value;
}
