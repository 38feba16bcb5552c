// "Show the native query": the same request with explain, which sends nothing to the backend and
// answers what would be sent (docs/server.md), shown in the view's <pre>.
import { clear, el, show } from './dom.js';

export function renderExplanation(target, answer) {
  const explain = answer.explain || {};
  clear(target);
  target.append(el('span', { lines: explain.native || '(no native query)' }));
  if (explain.residual) target.append('\n\n', el('span', { text: `-- evaluated by tinkr after the backend answers: ${JSON.stringify(explain.residual)}` }));
  for (const note of explain.notes || []) target.append('\n', el('span', { text: `-- ${note}` }));
  show(target, true);
}

// Wires a view's explain button: a second click hides the text again.
export function wireExplain(button, target, explainCall, onError) {
  button.addEventListener('click', async () => {
    if (!target.hidden) return show(target, false);
    try {
      renderExplanation(target, await explainCall());
    } catch (error) {
      onError(error);
    }
  });
}
