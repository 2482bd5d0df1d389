import type * as Y from 'yjs';

/** The smallest single edit turning `before` into `after`: delete `remove` characters at `index`, then insert `insert`. */
export type TextEdit = { index: number; remove: number; insert: string };

/** Computes the edit from the common prefix and suffix of two strings. */
export function diffText(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let prefix = 0;
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++;
  }
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

type Delta = Y.YTextEvent['delta'];

/** Where a position in the old text ends up after a change; inserts exactly at the position push it right only when `pushRight`. */
export function transformIndex(position: number, delta: Delta, pushRight = false): number {
  let oldIndex = 0;
  let result = position;
  for (const op of delta) {
    if (oldIndex > position || (oldIndex === position && !pushRight && op.insert !== undefined)) break;
    if (op.retain !== undefined) oldIndex += op.retain;
    else if (op.insert !== undefined) result += typeof op.insert === 'string' ? op.insert.length : 1;
    else if (op.delete !== undefined) {
      result -= Math.min(op.delete, position - oldIndex);
      oldIndex += op.delete;
    }
  }
  return Math.max(0, result);
}

/**
 * Binds a textarea to a Y.Text: typing becomes one minimal delete+insert, remote changes update the
 * textarea and keep the caret where the user left it. While an IME composes (pinyin), nothing is sent
 * and remote changes are held back, then both are merged at composition end. Returns the unbinding.
 */
export function bindTextarea(textarea: HTMLTextAreaElement, text: Y.Text): () => void {
  // The text the textarea showed the last time both agreed; local edits are diffed against it.
  let base = text.toString();
  let composing = false;
  let pending: Delta[] = [];
  // True while this binding writes to the Y.Text: the observer then has nothing to show.
  let writing = false;
  textarea.value = base;

  const showDocument = (deltas: Delta[], caretAfterLocal: number | null) => {
    const focused = document.activeElement === textarea;
    let start = caretAfterLocal ?? textarea.selectionStart;
    let end = caretAfterLocal ?? textarea.selectionEnd;
    for (const delta of deltas) {
      start = transformIndex(start, delta);
      end = transformIndex(end, delta);
    }
    base = text.toString();
    if (textarea.value !== base) textarea.value = base;
    if (focused) textarea.setSelectionRange(start, end);
  };

  const applyLocal = () => {
    const edit = diffText(base, textarea.value);
    if (edit === null) return;
    // The edit's positions are in `base`; move them over remote changes held back meanwhile.
    let index = edit.index;
    let endIndex = edit.index + edit.remove;
    for (const delta of pending) {
      index = transformIndex(index, delta);
      endIndex = transformIndex(endIndex, delta);
    }
    const remove = Math.max(0, endIndex - index);
    writing = true;
    try {
      text.doc?.transact(() => {
        if (remove > 0) text.delete(index, remove);
        if (edit.insert) text.insert(index, edit.insert);
      });
    } finally {
      writing = false;
    }
    const held = pending;
    pending = [];
    if (held.length > 0) showDocument([], index + edit.insert.length);
    else base = text.toString();
  };

  const onObserve = (event: Y.YTextEvent) => {
    if (writing) return;
    // Nothing the textarea does not already show (e.g. an echo of our own edit).
    if (text.toString() === textarea.value) {
      base = textarea.value;
      return;
    }
    if (composing) pending.push(event.delta);
    else showDocument([event.delta], null);
  };
  const onInput = () => {
    if (!composing) applyLocal();
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    applyLocal();
    if (pending.length > 0) {
      showDocument(pending, null);
      pending = [];
    }
  };

  text.observe(onObserve);
  textarea.addEventListener('input', onInput);
  textarea.addEventListener('compositionstart', onCompositionStart);
  textarea.addEventListener('compositionend', onCompositionEnd);
  return () => {
    text.unobserve(onObserve);
    textarea.removeEventListener('input', onInput);
    textarea.removeEventListener('compositionstart', onCompositionStart);
    textarea.removeEventListener('compositionend', onCompositionEnd);
  };
}
