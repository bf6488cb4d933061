// Builds the web app for `npm start` when its sources are newer than the last build, so a
// restart does not wait for Vite. `--force` always builds.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const webDir = path.resolve('apps/web');
const builtIndex = path.join(webDir, 'dist', 'index.html');
const sources = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json'].map((entry) => path.join(webDir, entry));

function newestMtime(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
const changedAt = Math.max(...sources.map(newestMtime), fs.statSync(path.resolve('package-lock.json')).mtimeMs);
if (!process.argv.includes('--force') && builtAt > changedAt) {
  console.log('web app is up to date (apps/web/dist)');
  process.exit(0);
}
const build = spawnSync('npm', ['run', 'build', '--workspace', '@switchboard/web'], {
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'production' },
});
process.exit(build.status ?? 1);
