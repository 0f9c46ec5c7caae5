// electron-builder.yml checked by electron-builder itself (its loader and its JSON-schema validation), offline.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const projectDir = path.resolve(__dirname, '..', '..');
const configFile = path.join(projectDir, 'electron-builder.yml');
const require = createRequire(path.join(projectDir, 'package.json'));

interface BuilderConfig {
  [key: string]: unknown;
}
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: BuilderConfig | null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const yaml = require('js-yaml') as { load(text: string): unknown };

const quietLogger = { isEnabled: false, add: () => undefined };

async function loadConfig(): Promise<BuilderConfig> {
  return getConfig(projectDir, configFile, null);
}

describe('electron-builder.yml', () => {
  it('passes electron-builder 26 configuration validation', async () => {
    await expect(validateConfiguration(await loadConfig(), quietLogger)).resolves.toBeUndefined();
  });

  it('would fail validation with an unknown key (the check is real)', async () => {
    const config = { ...(await loadConfig()), electronFusess: { runAsNode: false } };
    await expect(validateConfiguration(config, quietLogger)).rejects.toThrow(/unknown property 'electronFusess'/);
    const misplaced = { ...(await loadConfig()), linux: { target: ['AppImage'], dmgTitle: 'x' } };
    await expect(validateConfiguration(misplaced, quietLogger)).rejects.toThrow(/configuration\.linux/);
  });

  it('names the product and its id', async () => {
    const config = await loadConfig();
    expect(config.productName).toBe('CloudSSO Local');
    expect(config.appId).toBe('com.cloudsso-local.app');
  });

  it('sets the hardening fuses: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, app only from an integrity-checked asar', async () => {
    expect((await loadConfig()).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
    });
  });

  it('targets AppImage + deb, dmg and nsis, with icons that exist', async () => {
    const config = (await loadConfig()) as Record<string, { target?: string[]; icon?: string }>;
    expect(config.linux!.target).toEqual(['AppImage', 'deb']);
    expect(config.mac!.target).toEqual(['dmg']);
    expect(config.win!.target).toEqual(['nsis']);
    expect(fs.existsSync(path.join(projectDir, config.mac!.icon!))).toBe(true);
    expect(fs.existsSync(path.join(projectDir, config.win!.icon!))).toBe(true);
    const linuxIcons = fs.readdirSync(path.join(projectDir, config.linux!.icon!));
    expect(linuxIcons).toEqual(expect.arrayContaining(['256x256.png', '512x512.png']));
  });

  it('rebuilds native modules for Electron from source when packaging, and unpacks them from the asar', async () => {
    const config = await loadConfig();
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('is plain YAML that package.json does not override (no "build" key there)', () => {
    expect(yaml.load(fs.readFileSync(configFile, 'utf8'))).toBeTypeOf('object');
    const packageJson = JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(packageJson.build).toBeUndefined();
    expect(packageJson.main).toBe('dist/main/electron/main.js');
  });
});

describe('assets', () => {
  const pngSize = (file: string) => {
    const header = fs.readFileSync(file).subarray(0, 24);
    expect(header.subarray(1, 4).toString('latin1')).toBe('PNG');
    return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
  };

  it('has real PNG icons at 512 and 256 pixels', () => {
    expect(pngSize(path.join(projectDir, 'assets', 'icon.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(projectDir, 'assets', 'icons', '512x512.png'))).toEqual({ width: 512, height: 512 });
    expect(pngSize(path.join(projectDir, 'assets', 'icons', '256x256.png'))).toEqual({ width: 256, height: 256 });
  });

  it('has an .icns and an .ico with the sizes macOS and Windows ask for', () => {
    const icns = fs.readFileSync(path.join(projectDir, 'assets', 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic09'))).toBe(true); // 512×512

    const ico = fs.readFileSync(path.join(projectDir, 'assets', 'icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1); // icon, not cursor
    const count = ico.readUInt16LE(4);
    const widths = Array.from({ length: count }, (_, index) => ico[6 + index * 16] || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
  });
});
