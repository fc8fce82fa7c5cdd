import * as vscode from 'vscode';

// Extension tests cannot type into VS Code's input boxes, so these stand in for the user at the
// UI boundary: each prompt takes the next scripted answer and runs the box's own validation on it,
// recording what the user would have been told. (The e2e suite types into the real widgets.)

type Window = typeof vscode.window;
type Mutable = { -readonly [K in keyof Window]: Window[K] };

export interface PromptScript {
  /** Answers for showInputBox, in order; validation messages land in `validationErrors`. */
  inputs: string[];
  /** Buttons to press, each on the first message that offers it; other messages are dismissed. */
  buttons: string[];
  validationErrors: string[];
  messages: string[];
  /** Labels to choose in showQuickPick, in order (an item whose label contains the text). */
  picks: string[];
}

export function scriptPrompts(): PromptScript & { restore(): void } {
  const window = vscode.window as Mutable;
  const original = {
    showInputBox: window.showInputBox,
    showWarningMessage: window.showWarningMessage,
    showInformationMessage: window.showInformationMessage,
    showErrorMessage: window.showErrorMessage,
    showQuickPick: window.showQuickPick,
  };
  const script: PromptScript = {
    inputs: [],
    buttons: [],
    validationErrors: [],
    messages: [],
    picks: [],
  };
  window.showInputBox = async (options?: vscode.InputBoxOptions) => {
    while (script.inputs.length > 0) {
      const value = script.inputs.shift() ?? '';
      const problem = await options?.validateInput?.(value);
      const text = typeof problem === 'string' ? problem : problem?.message;
      if (!text) return value;
      script.validationErrors.push(text);
    }
    return undefined;
  };
  // Chooses the first item whose label contains the next scripted pick; none scripted = Escape.
  window.showQuickPick = (async (items: unknown) => {
    const list = (await items) as (string | vscode.QuickPickItem)[];
    const pick = script.picks.shift();
    if (pick === undefined) return undefined;
    return list.find((item) => (typeof item === 'string' ? item : item.label).includes(pick));
  }) as Window['showQuickPick'];
  // Presses a scripted button only when the message offers it, so a late notification from an
  // earlier step cannot take the answer meant for a confirmation.
  const answer = ((message: string, ...rest: unknown[]) => {
    script.messages.push(message);
    const offered = rest.filter((item): item is string => typeof item === 'string');
    const at = script.buttons.findIndex((button) => offered.includes(button));
    return Promise.resolve(at >= 0 ? script.buttons.splice(at, 1)[0] : undefined);
  }) as unknown;
  window.showWarningMessage = answer as Window['showWarningMessage'];
  window.showInformationMessage = answer as Window['showInformationMessage'];
  window.showErrorMessage = answer as Window['showErrorMessage'];
  return Object.assign(script, { restore: () => void Object.assign(window, original) });
}
