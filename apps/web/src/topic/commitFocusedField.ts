/** Blurs the focused field, so that its pending text is written before a save or close reads the topic. */
export function commitFocusedField(): void {
  if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
}
