// Installs benchNaiveRender (api.ts) for bench/render.ts's naive baseline: re-running markdown-it
// and DOMPurify over the whole text, built from the webview's own modules so the baseline uses
// exactly the code the view ships.
import { createMarkdown } from '../../src/webview-ui/markdown/renderer';
import { sanitizeToFragment } from '../../src/webview-ui/markdown/sanitize';

const md = createMarkdown();
const host = document.createElement('div');
document.body.append(host);

globalThis.benchNaiveRender = {
  render(text, repeats) {
    const start = performance.now();
    for (let i = 0; i < repeats; i++) {
      host.replaceChildren(sanitizeToFragment(md.render(text)));
      void host.offsetHeight; // include layout, as a real per-delta re-render would pay it
    }
    host.replaceChildren();
    return (performance.now() - start) / repeats;
  },
};
