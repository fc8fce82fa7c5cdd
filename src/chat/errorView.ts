import type { ProviderError } from '../providers/errors';
import type { ErrorActionId, ErrorView, ProviderKind } from '../shared/protocol';

/** The buttons that help with each kind of failure, next to the one-sentence explanation. */
function actionsFor(error: ProviderError, provider: ProviderKind): ErrorActionId[] {
  const setCredential: ErrorActionId =
    provider === 'twinexpert' ? 'setTwinExpertKey' : 'setKamiMindToken';
  switch (error.kind) {
    case 'auth':
    case 'forbidden':
      return [setCredential, 'showLogs'];
    case 'badRequest':
    case 'notFound':
      return ['retry', 'showLogs'];
    case 'rateLimited':
    case 'server':
    case 'network':
    case 'timeout':
    case 'protocol':
    case 'cancelled':
    case 'tooLarge':
      return ['retry', 'showLogs'];
  }
}

export function toErrorView(error: ProviderError, provider: ProviderKind): ErrorView {
  return {
    message: error.userMessage,
    kind: error.kind,
    ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
    actions: actionsFor(error, provider),
    ...(error.serverDetail && { detail: error.serverDetail }),
  };
}
