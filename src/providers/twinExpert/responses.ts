// Success bodies of the conversation endpoints. Only `data.id` (T4) is documented; the message
// result shape (T6) is a third-party hint (`data.assistantMessage.content`), so alternatives are read.
import { asId, asRecord, asString, firstString } from '../json';

export function conversationIdFrom(json: unknown): string | undefined {
  const root = asRecord(json);
  const data = asRecord(root?.data);
  return asId(data?.id) ?? asId(data?._id) ?? asId(data?.conversationId) ?? asId(root?.id);
}

export function assistantTextFrom(json: unknown): string | undefined {
  const root = asRecord(json);
  const data = asRecord(root?.data) ?? root;
  const assistant = asRecord(data?.assistantMessage) ?? asRecord(data?.message);
  return firstString(
    assistant?.content,
    data?.content,
    data?.text,
    asString(data?.message),
    data?.answer,
  );
}
