// Success bodies of the conversation endpoints. Only `data.id` (T4) is documented; the message
// result shape (T6) is a third-party hint (`data.assistantMessage.content`), so alternatives are read.
import { asId, asRecord, asString, firstString } from '../json';

export function conversationIdFrom(json: unknown): string | undefined {
  const root = asRecord(json);
  const data = asRecord(root?.data);
  return asId(data?.id) ?? asId(data?._id) ?? asId(data?.conversationId) ?? asId(root?.id);
}

/**
 * The answer in a message result. A `message` string at the top of an envelope
 * (`{"success":true,"message":"Message sent successfully"}`) is the envelope's own word, never
 * the answer: only inside `data`, or in a body that is no envelope, is it read as one.
 */
export function assistantTextFrom(json: unknown): string | undefined {
  const root = asRecord(json);
  const wrapped = asRecord(root?.data);
  const data = wrapped ?? root;
  const isEnvelope = wrapped === undefined && root?.success !== undefined;
  const assistant = asRecord(data?.assistantMessage) ?? asRecord(data?.message);
  return firstString(
    assistant?.content,
    data?.content,
    data?.text,
    isEnvelope ? undefined : asString(data?.message),
    data?.answer,
  );
}
