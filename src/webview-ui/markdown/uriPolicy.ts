/**
 * What a URI attribute that survives DOMPurify may hold. The renderer emits web links and
 * scheme-less values (relative links, list numbers) only, so any other scheme, even one with
 * digits (`s3:`, `web+a1:`), is dropped. DOMPurify strips whitespace and controls before testing.
 */
export const ALLOWED_URI = /^(?:https?:|(?![a-z][a-z\d+.-]*:))/i;
