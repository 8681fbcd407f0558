// Applies the saved colour theme before the first paint (a blocking external script, so the page's
// Content-Security-Policy needs no inline-script exception).
try {
  const t = localStorage.getItem('practicum-theme');
  if (t === 'light' || t === 'dark') document.documentElement.dataset.theme = t;
} catch {}
