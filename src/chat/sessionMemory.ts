import type { KeyValueStore } from './targets';

/** What a chat session keeps across a window reload: its conversation, target and draft. */
export interface SessionRecord {
  conversationId?: string;
  targetKey?: string;
  draft?: string;
}

/** Where one session keeps its SessionRecord; the sidebar and each editor tab have their own. */
export interface SessionMemory {
  read(): SessionRecord;
  write(patch: SessionRecord): Promise<void>;
}

// The sidebar's keys predate editor tabs; they are kept so an update loses no draft or open chat.
const DRAFT_KEY = 'twinChat.draft';
const OPEN_CONVERSATION_KEY = 'twinChat.openConversation';
const SELECTED_TARGET_KEY = 'twinChat.selectedTarget';
const EDITOR_TABS_KEY = 'twinChat.editorTabs';
/**
 * A closed tab's record is not removed at once: a window that reloads may dispose its tabs before
 * the extension learns it is shutting down, and those tabs must come back. Records of tabs that
 * will never return are dropped oldest first past this many.
 */
const MAX_TAB_RECORDS = 50;

/**
 * The sidebar keeps its state in separate workspace keys; its target choice is the workspace's
 * default, which new tabs start from.
 */
export function sidebarMemory(state: KeyValueStore): SessionMemory {
  return {
    read: () => ({
      conversationId: state.get<string>(OPEN_CONVERSATION_KEY),
      targetKey: state.get<string>(SELECTED_TARGET_KEY),
      draft: state.get<string>(DRAFT_KEY),
    }),
    write: async (patch) => {
      if ('conversationId' in patch)
        await state.update(OPEN_CONVERSATION_KEY, patch.conversationId);
      if ('targetKey' in patch) await state.update(SELECTED_TARGET_KEY, patch.targetKey);
      if ('draft' in patch) await state.update(DRAFT_KEY, patch.draft);
    },
  };
}

type TabRecords = Record<string, SessionRecord>;

/** An editor tab's record, under its surface id, which the tab's webview keeps for the reload. */
export function tabMemory(state: KeyValueStore, surfaceId: string): SessionMemory {
  // A copy: the store may hand out the object it keeps, which must change only through update.
  const all = (): TabRecords => ({ ...state.get<TabRecords>(EDITOR_TABS_KEY) });
  const save = (records: TabRecords) => state.update(EDITOR_TABS_KEY, newest(records));
  return {
    read: () => all()[surfaceId] ?? {},
    write: async (patch) => {
      const records = all();
      const current = records[surfaceId];
      delete records[surfaceId];
      // Re-inserted last, so the object's key order says which tabs were used most recently.
      await save({ ...records, [surfaceId]: { ...current, ...patch } });
    },
  };
}

function newest(records: TabRecords): TabRecords {
  const entries = Object.entries(records);
  return Object.fromEntries(entries.slice(Math.max(0, entries.length - MAX_TAB_RECORDS)));
}
