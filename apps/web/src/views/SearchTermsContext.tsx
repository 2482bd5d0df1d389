import { createContext, useContext } from 'react';
import { highlightParts, notesExcerpt } from './highlight';

const NO_TERMS: readonly string[] = [];

/** The words of the board's current search, so that cards and table cells can mark them. */
export const SearchTermsContext = createContext<readonly string[]>(NO_TERMS);

/** A text with the current search's matches marked. */
export function Highlight({ text }: { text: string }) {
  const terms = useContext(SearchTermsContext);
  if (terms.length === 0) return <>{text}</>;
  return (
    <>
      {highlightParts(text, terms).map((part, index) =>
        part.match ? (
          <mark key={index} className="search-match">
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

/** The piece of a topic's notes that matched the search, so a card found by its notes says why. */
export function NotesMatch({ notes, label }: { notes: string; label: string }) {
  const terms = useContext(SearchTermsContext);
  const excerpt = terms.length > 0 ? notesExcerpt(notes, terms) : null;
  if (!excerpt) return null;
  return (
    <div className="topic-meta topic-notes-match" data-testid="notes-match">
      {label}
      <Highlight text={excerpt} />
    </div>
  );
}
