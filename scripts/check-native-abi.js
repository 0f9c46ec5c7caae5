// electron-builder `afterPack` hook: refuses to ship a better-sqlite3 addon built for Node instead of Electron.
// Why: a rebuild can "succeed" against the wrong headers (an npm `nodedir` setting, docs/toolchain.md) and the
// app would then fail on first launch with "NODE_MODULE_VERSION 115 … requires 145". Native addons carry
// their ABI in the name of their registration symbol, node_register_module_v<ABI>, so the file says which it is.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const ADDON_NAME = 'better_sqlite3.node';

/** ABI numbers named by node_register_module_v<N> symbols in an addon binary. */
function abiTagsIn(binary) {
  const tags = new Set();
  for (const match of binary.toString('latin1').matchAll(/node_register_module_v(\d+)/g)) tags.add(Number(match[1]));
  return [...tags];
}

/** 'ok' | 'unknown' (no tag found: some platforms strip it) | a message saying what is wrong. */
function judgeAddon(binary, expectedAbi) {
  const tags = abiTagsIn(binary);
  if (tags.length === 0) return 'unknown';
  if (tags.includes(expectedAbi)) return 'ok';
  return `built for ABI ${tags.join(', ')}, but Electron needs ABI ${expectedAbi}`;
}

function findAddons(dir) {
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findAddons(full));
    else if (entry.name === ADDON_NAME) found.push(full);
  }
  return found;
}

function electronAbi(projectDir) {
  return Number(fs.readFileSync(path.join(projectDir, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
}

/** Checks every packaged copy of the addon under appOutDir; throws (failing the build) on a wrong ABI. */
function checkPackagedAddons(appOutDir, expectedAbi) {
  const addons = findAddons(appOutDir);
  if (addons.length === 0) throw new Error(`No ${ADDON_NAME} was packaged under ${appOutDir}: the app could not open a tenant.`);
  for (const addon of addons) {
    const verdict = judgeAddon(fs.readFileSync(addon), expectedAbi);
    if (verdict === 'unknown') console.warn(`  • could not read the ABI of ${addon}; not checked`);
    else if (verdict !== 'ok') throw new Error(`${addon} is ${verdict}. See docs/desktop.md (native modules).`);
  }
  return addons;
}

async function afterPack(context) {
  const projectDir = context.packager.projectDir;
  checkPackagedAddons(context.appOutDir, electronAbi(projectDir));
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.abiTagsIn = abiTagsIn;
module.exports.judgeAddon = judgeAddon;
module.exports.checkPackagedAddons = checkPackagedAddons;
module.exports.electronAbi = electronAbi;
