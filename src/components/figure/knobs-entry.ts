/**
 * What a chapter page loads for its knobs before the reader touches anything: almost
 * nothing. The knob runtime (the simulator, the figure's markup builders and the
 * scenario's module) loads when a figure with knobs or a number in the prose comes
 * near the viewport, when the reader touches a knob first, or at once when the URL
 * carries knob values (`?gil-battle.cpus=4`).
 */
let started = false;

function start(): void {
  if (started) return;
  started = true;
  void import('./knob-runtime').then(({ startKnobs }) => startKnobs());
}

const targets = [...document.querySelectorAll<HTMLElement>('[data-knob-figure], .gil-knob-value')];
if (targets.length > 0) {
  document.addEventListener('input', (event) => {
    const target = event.target as HTMLElement;
    if (!target.closest?.('.gil-knobs')) return;
    target.dataset.touched = '';
    start();
  }, true);
  document.addEventListener('focusin', (event) => {
    if ((event.target as HTMLElement).closest?.('.gil-knobs')) start();
  });
  if ([...new URLSearchParams(location.search).keys()].some((name) => name.includes('.'))) start();
  else if ('IntersectionObserver' in window) {
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      start();
    }, { rootMargin: '300px 0px' });
    for (const target of targets) observer.observe(target);
  } else start();
}
