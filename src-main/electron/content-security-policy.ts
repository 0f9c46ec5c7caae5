// Sent with every page the app protocol serves. Scripts only from the app itself; inline styles are allowed
// because antd writes its CSS-in-JS into <style> elements at run time. The console talks to the core over IPC,
// so it needs no network: connect-src stays 'self'.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
