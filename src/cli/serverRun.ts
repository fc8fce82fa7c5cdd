// Runs the server-reading commands over the same clients the extension uses: a twin's server-side
// conversations, one conversation's messages, one twin's details, and the key's quota.
import type { HttpClient } from '../providers/http/types';
import type { QuotaBook } from '../providers/quota/quotaBook';
import type { Quota } from '../providers/quota/types';
import { createTwinExpertServer } from '../providers/twinExpertServer';
import type { TwinDetails } from '../providers/twinExpertServer';
import { ProviderError } from '../providers/errors';
import type { CliContext } from './run';
import { printHistory } from './output';
import { twinExpertFor, twinExpertOptions } from './providers';
import type { ServerCommand } from './serverArgs';

export function describeQuota(service: string, quota: Quota): string {
  const reset =
    quota.resetAt !== undefined ? `, resets at ${new Date(quota.resetAt).toISOString()}` : '';
  return `${service} quota: ${quota.remaining} of ${quota.limit} requests left${reset}`;
}

/** Every reading the run collected, on stderr: stdout stays the command's own output. */
export function printQuotas(ctx: CliContext, book: QuotaBook): void {
  for (const { service, quota } of book.all()) ctx.io.stderr(`${describeQuota(service, quota)}\n`);
}

function printTwin(ctx: CliContext, twin: TwinDetails, json: boolean): void {
  if (json) return ctx.io.stdout(`${JSON.stringify(twin)}\n`);
  const lines = [`${twin.id}\t${twin.name}`];
  if (twin.description) lines.push(twin.description);
  for (const field of twin.fields) lines.push(`${field.name}: ${field.value}`);
  ctx.io.stdout(`${lines.join('\n')}\n`);
}

function continueOnly(conversationId: string): ProviderError {
  return new ProviderError({
    kind: 'notFound',
    userMessage: `TwinExpert offers no message history for conversation ${conversationId}. It can still be continued: twin-chat send --twin <id> --conversation ${conversationId} "..."`,
  });
}

export async function runServerCommand(
  command: ServerCommand,
  ctx: CliContext,
  http: HttpClient,
  book: QuotaBook,
): Promise<number> {
  const { options } = command;
  const server = createTwinExpertServer(twinExpertOptions(options, ctx.env, http));
  switch (command.kind) {
    case 'conversations': {
      const query = { twinId: command.twinId, page: command.page, limit: command.limit };
      const page = await server.conversations(query, ctx.signal);
      for (const c of page.conversations) {
        if (options.json) ctx.io.stdout(`${JSON.stringify(c)}\n`);
        else ctx.io.stdout(`${c.id}\t${c.updatedAt ?? '?'}\t${c.title ?? ''}\n`);
      }
      if (page.hasMore) ctx.io.stderr(`More on the next page: --page ${page.page + 1}\n`);
      return 0;
    }
    case 'conversationHistory': {
      const messages = await server.messages(command.conversationId, ctx.signal).catch((e) => {
        throw e instanceof ProviderError && e.kind === 'notFound'
          ? continueOnly(command.conversationId)
          : e;
      });
      printHistory(ctx.io, messages, options.json);
      return 0;
    }
    case 'twin':
      printTwin(ctx, await server.twin(command.twinId, ctx.signal), options.json);
      return 0;
    case 'status': {
      const check = await twinExpertFor(options, ctx.env, http).checkConnection(ctx.signal);
      if (!check.ok && check.error) throw check.error;
      const quota = book.latestFor('TwinExpert')?.quota;
      if (options.json)
        ctx.io.stdout(`${JSON.stringify({ ok: check.ok, quota: quota ?? null })}\n`);
      else {
        const said = quota
          ? describeQuota('TwinExpert', quota)
          : 'TwinExpert sent no quota headers.';
        ctx.io.stdout(`${check.detail}\n${said}\n`);
      }
      return 0;
    }
  }
}
