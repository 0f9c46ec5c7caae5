// CloudSSO Local's OpenAPI through @alicloud/openapi-client (V3 ACS3-HMAC-SHA256 signatures, like Alibaba Cloud's
// generated SDKs).
//   npm i @alicloud/openapi-client @alicloud/tea-util
//   ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5t… ALIBABA_CLOUD_ACCESS_KEY_SECRET=… node openapi-client.js
const OpenApi = require('@alicloud/openapi-client');
const { RuntimeOptions } = require('@alicloud/tea-util');

const Client = OpenApi.default;
const { Config, Params, OpenApiRequest } = OpenApi;

async function main() {
  const endpoint = new URL(process.env.CLOUDSSO_ENDPOINT || 'http://127.0.0.1:18623');
  const client = new Client(
    new Config({
      accessKeyId: process.env.ALIBABA_CLOUD_ACCESS_KEY_ID,
      accessKeySecret: process.env.ALIBABA_CLOUD_ACCESS_KEY_SECRET,
      endpoint: endpoint.host, // host:port only
      protocol: endpoint.protocol.replace(':', ''), // 'http' here; the SDK's default is https
      regionId: 'cn-shanghai',
    }),
  );
  // What a generated CloudSSO SDK sends: an RPC call, parameters in the query string.
  const call = async (action, query = {}) => {
    const params = new Params({ action, version: '2021-05-15', protocol: 'HTTPS', method: 'POST', authType: 'AK', style: 'RPC', pathname: '/', reqBodyType: 'formData', bodyType: 'json' });
    const res = await client.callApi(params, new OpenApiRequest({ query }), new RuntimeOptions({}));
    return res.body;
  };

  const { Directories } = await call('ListDirectories');
  const DirectoryId = Directories[0].DirectoryId;
  const { Group } = await call('CreateGroup', { DirectoryId, GroupName: 'openapi-client-example', Description: 'Created by openapi-client' });
  console.log(`created group ${Group.GroupName} (${Group.GroupId})`);
  const { Users } = await call('ListUsers', { DirectoryId, Filter: 'UserName sw pop', MaxResults: '10' });
  for (const user of Users) {
    await call('AddUserToGroup', { DirectoryId, GroupId: Group.GroupId, UserId: user.UserId });
  }
  const members = await call('ListGroupMembers', { DirectoryId, GroupId: Group.GroupId });
  console.log(`group ${Group.GroupName} has ${members.TotalCounts} member(s)`);
}

main().catch((e) => {
  console.error(e.code ? `${e.code}: ${e.message}` : e);
  process.exit(1);
});
