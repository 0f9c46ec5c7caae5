'use strict';
// What profile.js and scenario.js share: their flags, and a seeded tenant kept in a folder between runs.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { seedTenant } = require('./seed');

/** Takes `--name value` flags out of argv; what is left are the positional arguments. */
function flagReader(argv) {
  const args = [...argv];
  const flag = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : fallback;
  };
  return { flag, positional: () => args };
}

/** The tenant in `dir` (seeded with `users` users the first time), its seed record, and a sample file for load.js. */
function keptTenant(dir, users, tmpPrefix) {
  const folder = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
  fs.mkdirSync(folder, { recursive: true });
  const dataFile = path.join(folder, 'tenant.sqlite');
  const seedFile = path.join(folder, 'seed.json');
  const seeded = fs.existsSync(seedFile)
    ? JSON.parse(fs.readFileSync(seedFile, 'utf8'))
    : seedTenant(dataFile, { users, groups: 1000, groupSize: 20, bigGroupSize: Math.min(50_000, users / 2), sampleSize: 5000 });
  fs.writeFileSync(seedFile, JSON.stringify(seeded));
  const sampleFile = path.join(folder, 'sample.json');
  fs.writeFileSync(sampleFile, JSON.stringify(seeded.sample));
  return { dir: folder, dataFile, seeded, sampleFile };
}

module.exports = { flagReader, keptTenant };
