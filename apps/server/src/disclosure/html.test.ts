import { describe, expect, it } from 'vitest';
import { escapeHtml, html } from './html';

describe('the html template', () => {
  it('escapes every interpolation, also inside attributes and lists', () => {
    const title = '<script>alert("x")</script> & \'q\'';
    const out = html`<a href="/p?t=${title}">${title}</a>${[title, 1, null, false]}`.toString();
    expect(out).not.toContain('<script>');
    expect(out).toBe(`<a href="/p?t=${escapeHtml(title)}">${escapeHtml(title)}</a>${escapeHtml(title)}1`);
  });

  it('inserts fragments it built itself as markup', () => {
    const items = ['a', '<b>'].map((x) => html`<li>${x}</li>`);
    const list = html`<ul>
      ${items}
    </ul>`.toString();
    expect(list.replace(/\s+/g, '')).toBe('<ul><li>a</li><li>&lt;b&gt;</li></ul>');
  });
});
