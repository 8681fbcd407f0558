// Keeps what is stuck to the top of the page (the site header, a quiz or task timer marked
// data-sticky-bar) from covering the element that has focus or the target of a link. It measures the
// stack and publishes --header-offset (where a bar sticks, under the header) and --sticky-offset (the
// stack's bottom edge, which global.css uses as scroll-padding-top), and after a focus change scrolls a
// focused element out from under the stack if the browser left it there.
const GAP = 8;

function stuckHeight(element: Element | null): number {
  if (!(element instanceof HTMLElement)) return 0;
  const style = getComputedStyle(element);
  return style.position === 'sticky' && style.display !== 'none' ? element.getBoundingClientRect().height : 0;
}

export function trackStickyOffset(): void {
  const root = document.documentElement;
  const header = document.querySelector('.site-header');
  const bars = [...document.querySelectorAll('[data-sticky-bar]')];
  let bottom = 0;
  const update = () => {
    const headerHeight = stuckHeight(header);
    bottom = headerHeight + bars.reduce((total, bar) => total + stuckHeight(bar), 0);
    root.style.setProperty('--header-offset', `${Math.round(headerHeight)}px`);
    root.style.setProperty('--sticky-offset', `${Math.round(bottom)}px`);
  };
  update();
  const observer = new ResizeObserver(update);
  for (const element of [header, ...bars]) if (element) observer.observe(element);
  addEventListener('resize', update);

  document.addEventListener('focusin', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target === document.body) return;
    // Bars do not cover themselves, nor a dialog, which is drawn above the page.
    if (header?.contains(target) || bars.some((bar) => bar.contains(target)) || target.closest('dialog')) return;
    // After the browser's own scroll to the focused element.
    requestAnimationFrame(() => {
      const rect = target.getBoundingClientRect();
      if (rect.top < bottom + GAP && rect.bottom > 0 && rect.height < innerHeight - bottom) scrollBy({ top: rect.top - bottom - GAP });
    });
  });
}
