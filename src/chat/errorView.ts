import type { ProviderError } from '../providers/errors';
import type { ErrorActionId, ErrorView } from '../shared/protocol';
import { describeProvider, type ProviderId } from '../shared/providers';

/** The buttons that help with each kind of failure, next to the one-sentence explanation. */
/** `provider` is undefined only for an answer that failed before it had a target. */
function actionsFor(error: ProviderError, provider: ProviderId | undefined): ErrorActionId[] {
  switch (error.kind) {
    // Retry after the new key: the failed answer is asked again in place, where Regenerate or
    // Edit would leave the failure behind as an earlier version.
    case 'auth':
    case 'forbidden':
      return provider
        ? [describeProvider(provider).credentialCommand, 'retry', 'showLogs']
        : ['showLogs'];
    // insecureUrl: Retry works once the base URL is fixed (a settings change rebuilds the clients).
    case 'badRequest':
    case 'notFound':
    case 'insecureUrl':
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

export function toErrorView(error: ProviderError, provider: ProviderId | undefined): ErrorView {
  return {
    message: error.userMessage,
    kind: error.kind,
    ...(error.retryAfterSeconds !== undefined && { retryAfterSeconds: error.retryAfterSeconds }),
    actions: actionsFor(error, provider),
    ...(error.serverDetail && { detail: error.serverDetail }),
  };
}
