import type { Location, Range, Uri } from 'vscode';
import type { ReferenceValue } from './participantDeps';

// What a Chat view reference holds, told apart by shape: this module is also loaded by unit tests,
// where VS Code's Uri and Location classes do not exist to `instanceof` against.

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isUri(value: unknown): value is Uri {
  return isRecord(value) && typeof value.scheme === 'string' && typeof value.path === 'string';
}

function isRange(value: unknown): value is Range {
  return isRecord(value) && isRecord(value.start) && isRecord(value.end);
}

function isLocation(value: unknown): value is Location {
  return isRecord(value) && isUri(value.uri) && isRange(value.range);
}

/**
 * A file (`#file`, an attached file) or a part of one (`#selection`, a symbol); undefined for
 * anything else (plain strings from tools, images), which is not sent.
 */
export function referenceValue(value: unknown): ReferenceValue | undefined {
  if (isUri(value)) return { kind: 'file', uri: value };
  if (isLocation(value)) return { kind: 'range', uri: value.uri, range: value.range };
  return undefined;
}
