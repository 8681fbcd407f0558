// Drops optional platform packages the registry mirror does not carry from the lockfile.
const fs = require('fs');
const lock = JSON.parse(fs.readFileSync('package-lock.json', 'utf8'));
let dropped = 0;
for (const [path, entry] of Object.entries(lock.packages)) {
  const opt = entry.optionalDependencies;
  if (!opt) continue;
  for (const name of Object.keys(opt)) {
    const present = Object.keys(lock.packages).some((p) => p === `node_modules/${name}` || p.endsWith(`/node_modules/${name}`));
    if (!present) { delete opt[name]; dropped++; }
  }
}
fs.writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log('dropped', dropped);
