// @peculiar/x509 decorates its ASN.1 classes, which needs the reflect-metadata polyfill loaded before it.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

// Node's WebCrypto is what the library's default provider expects in a browser.
// (The library types it as the DOM's Crypto, which Node's webcrypto implements but the main build does not declare.)
x509.cryptoProvider.set(webcrypto as never);

export { x509 };
export type CryptoKey = webcrypto.CryptoKey;
export type CryptoKeyPair = webcrypto.CryptoKeyPair;

/** RSA with SHA-256: what every TLS client accepts, and Entra ID asks for RSA keys of at least 2048 bits. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]) } as const;

export async function generateRsaKeys(modulusLength: number): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey({ ...RSA_SHA256, modulusLength }, true, ['sign', 'verify']));
}

export async function privateKeyPem(key: CryptoKey): Promise<string> {
  const der = await webcrypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

export async function importPrivateKeyPem(pem: string): Promise<CryptoKey> {
  const der = x509.PemConverter.decodeFirst(pem);
  return (await webcrypto.subtle.importKey('pkcs8', der, RSA_SHA256, false, ['sign']));
}
