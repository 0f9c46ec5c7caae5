/** Alibaba Cloud's percent-encoding for signatures (RFC 3986 unreserved set kept): encodeURIComponent plus ! ' ( ) *. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
