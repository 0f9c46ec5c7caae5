import { PRODUCT_NAME } from './app-origin';

export interface AboutFacts {
  appVersion: string;
  versions: Partial<Record<'electron' | 'chrome' | 'node' | 'v8', string>>;
  tenantFile: string | null;
  scimEndpoint: string | null;
}

/** The About box text: the versions a bug report needs, and where the current tenant lives. */
export function aboutDetail(facts: AboutFacts): string {
  const lines = [
    `${PRODUCT_NAME} ${facts.appVersion}`,
    '',
    `Electron ${facts.versions.electron ?? 'unknown'}`,
    `Chromium ${facts.versions.chrome ?? 'unknown'}`,
    `Node.js ${facts.versions.node ?? 'unknown'}`,
    `V8 ${facts.versions.v8 ?? 'unknown'}`,
    '',
    `Tenant file: ${facts.tenantFile ?? 'none open'}`,
    `SCIM endpoint: ${facts.scimEndpoint ?? 'not listening'}`,
    '',
    'An offline emulator of Alibaba Cloud CloudSSO’s SCIM 2.0 directory. Not affiliated with Alibaba Cloud.',
  ];
  return lines.join('\n');
}
