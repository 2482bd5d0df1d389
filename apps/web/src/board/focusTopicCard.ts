/** Frames to wait for a new card to appear (the board re-reads the document once a frame). */
const FOCUS_ATTEMPTS = 10;

/** Moves keyboard focus to a topic's card, waiting a few frames for it to be rendered. */
export function focusTopicCard(topicId: string, attempts = FOCUS_ATTEMPTS): void {
  const card = document.querySelector<HTMLElement>(
    `[data-testid="topic-card"][data-topic-id="${CSS.escape(topicId)}"]`,
  );
  if (card) card.focus();
  else if (attempts > 0) requestAnimationFrame(() => focusTopicCard(topicId, attempts - 1));
}
