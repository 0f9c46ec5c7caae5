// CloudSSO Local's OpenAPI through @alicloud/pop-core (V1 HMAC-SHA1 signatures, like Terraform and the aliyun CLI).
//   npm i @alicloud/pop-core
//   ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5t… ALIBABA_CLOUD_ACCESS_KEY_SECRET=… node pop-core.js
// The AccessKey comes from `cloudsso-local accesskey create` (or Settings > AccessKeys in the console).
const RPCClient = require('@alicloud/pop-core');

async function main() {
  const client = new RPCClient({
    endpoint: process.env.CLOUDSSO_ENDPOINT || 'http://127.0.0.1:18623', // http:// or https://, no path
    apiVersion: '2021-05-15',
    accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
    accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
  });
  const post = { method: 'POST' }; // without it pop-core sends GET with everything in the query string

  const { Directories } = await client.request('ListDirectories', {}, post);
  const DirectoryId = Directories[0].DirectoryId;

  const { User } = await client.request('CreateUser', { DirectoryId, UserName: 'pop.core.example', DisplayName: 'Created by pop-core' }, post);
  console.log(`created ${User.UserName} (${User.UserId})`);

  // Token paging: MaxResults 1–100, follow NextToken while IsTruncated.
  let NextToken;
  let total = 0;
  do {
    const page = await client.request('ListUsers', { DirectoryId, MaxResults: 100, ...(NextToken ? { NextToken } : {}) }, post);
    total += page.Users.length;
    NextToken = page.IsTruncated ? page.NextToken : undefined;
  } while (NextToken);
  console.log(`the directory has ${total} user(s)`);

  try {
    await client.request('GetUser', { DirectoryId, UserId: 'u-00000000000000000000' }, post);
  } catch (e) {
    console.log(`GetUser of a missing user: ${e.code}`); // EntityNotExists.User
  }
}

main().catch((e) => {
  console.error(e.code ? `${e.code}: ${e.message}` : e);
  process.exit(1);
});
