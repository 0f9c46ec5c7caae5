'use strict';
// The in-run ceiling: a bare node:http server on loopback that answers every request with one fixed SCIM
// User document. Whatever this machine and load generator can do, the product cannot beat it.
const http = require('node:http');

const USER = JSON.stringify({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 'u-0123456789abcdefghij',
  externalId: '5f1c2b3a-8d4e-4f6a-9b7c-0d1e2f3a4b5c',
  userName: 'ava.chen.000042@contoso.example',
  name: { givenName: 'Ava', familyName: 'Chen' },
  displayName: 'Ava Chen',
  emails: [{ value: 'ava.chen.000042@contoso.example', type: 'work', primary: true }],
  active: true,
  meta: {
    resourceType: 'User',
    created: '2026-11-28T12:00:00.000Z',
    lastModified: '2026-11-28T12:00:00.000Z',
    location: 'http://127.0.0.1:18620/scim/v2/Users/u-0123456789abcdefghij',
  },
});
const BODY = Buffer.from(USER);

const server = http.createServer((req, res) => {
  // drain any body so keep-alive connections stay usable
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/scim+json; charset=utf-8', 'content-length': BODY.length });
    res.end(BODY);
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port, pid: process.pid })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
