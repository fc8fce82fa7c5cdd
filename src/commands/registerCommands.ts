import * as vscode from 'vscode';
import { CHAT_VIEW_ID, Commands, type CommandId } from '../constants';

export interface CommandContext {
  readonly log: vscode.LogOutputChannel;
}

type CommandHandlers = Record<CommandId, (...args: unknown[]) => unknown>;

/** One handler per declared command; the Record type makes a missing handler a compile error. */
function handlers(context: CommandContext): CommandHandlers {
  return {
    [Commands.openChat]: () => vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`),
    [Commands.showLogs]: () => context.log.show(),
  };
}

export function registerCommands(context: CommandContext): vscode.Disposable[] {
  return Object.entries(handlers(context)).map(([id, handler]) =>
    vscode.commands.registerCommand(id, handler),
  );
}
