import { EditorView } from '@codemirror/view';
import { act, waitFor } from '@testing-library/react';

/**
 * The form's Filter editor once its CodeMirror chunk has loaded (not the
 * plain textarea that stands in while it loads), driven through the editor
 * itself: jsdom cannot type into a contenteditable the way a browser does.
 */
type ActGlobal = { IS_REACT_ACT_ENVIRONMENT?: boolean };

// The rest of these tests run outside act() (answers come from a real
// server); only these synchronous dispatches are wrapped, so the act()
// environment is declared just for them.
function inAct(work: () => void) {
  const scope = globalThis as ActGlobal;
  const previous = scope.IS_REACT_ACT_ENVIRONMENT;
  scope.IS_REACT_ACT_ENVIRONMENT = true;
  try {
    act(work);
  } finally {
    scope.IS_REACT_ACT_ENVIRONMENT = previous;
  }
}

export async function filterField() {
  const element = await waitFor(() => {
    const found = document.querySelector<HTMLElement>(
      '.cm-content[aria-label="Filter"]',
    );
    if (!found) throw new Error('The Filter editor has not loaded yet');
    return found;
  });
  const view = EditorView.findFromDOM(element);
  if (!view) throw new Error('The Filter element is not a CodeMirror editor');
  return {
    element,
    value: () => view.state.doc.toString(),
    /** Appends text at the end, as typing would, with the editor focused. */
    type: (text: string) =>
      inAct(() => {
        view.focus();
        view.dispatch({
          changes: { from: view.state.doc.length, insert: text },
          selection: { anchor: view.state.doc.length + text.length },
          userEvent: 'input.type',
        });
      }),
    /** Replaces the whole filter. */
    replace: (text: string) =>
      inAct(() => {
        view.focus();
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: text },
          userEvent: 'input.type',
        });
      }),
  };
}
