// A box that scrolls sideways on its own (a wide table in .table-wrap, a long line of code in a <pre>)
// must be reachable from the keyboard, or its hidden part cannot be read without a mouse (WCAG 2.1.1;
// axe's scrollable-region-focusable). While such a box overflows it is a tab stop, and a table's box is
// a named region; when it fits again (a wider window) it leaves the tab order. Boxes the page made
// focusable itself (tabindex in the markup) are left alone.
const MARK = 'data-scroll-region';

function nameOf(box: HTMLElement): string | null {
  const table = box.querySelector('table');
  const caption = table?.caption?.textContent?.trim();
  if (caption) return caption;
  const labelledBy = box.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby');
  const heading = labelledBy ? document.getElementById(labelledBy)?.textContent?.trim() : null;
  return heading || (table ? 'Table' : 'Code');
}

function update(box: HTMLElement): void {
  const overflows = box.scrollWidth > box.clientWidth + 1;
  if (overflows && !box.hasAttribute('tabindex')) {
    box.setAttribute('tabindex', '0');
    box.setAttribute(MARK, '');
    if (box.matches('.table-wrap') && !box.hasAttribute('role')) {
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', `${nameOf(box)} (scrolls sideways)`);
    }
  } else if (!overflows && box.hasAttribute(MARK)) {
    box.removeAttribute('tabindex');
    box.removeAttribute(MARK);
    if (box.getAttribute('role') === 'region') {
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
  }
}

export function markScrollRegions(root: ParentNode = document): void {
  const boxes = () => [...root.querySelectorAll<HTMLElement>('pre, .table-wrap')];
  const all = () => {
    for (const box of boxes()) update(box);
  };
  all();
  const observer = new ResizeObserver((entries) => {
    for (const entry of entries) if (entry.target instanceof HTMLElement) update(entry.target);
  });
  for (const box of boxes()) observer.observe(box);
  // Boxes whose content arrives later (test results) are checked when the page changes, once a frame;
  // the editor's own constant redrawing is not such a change.
  let pending = false;
  new MutationObserver((records) => {
    if (pending || records.every((r) => r.target instanceof Element && r.target.closest('.monaco-editor'))) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      for (const box of boxes()) {
        observer.observe(box);
        update(box);
      }
    });
  }).observe(document.body, { childList: true, subtree: true });
}
