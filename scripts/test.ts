// Runs every test (unit, service, API, e2e) with Vitest and ends with one plain line:
// "N passed, N failed". A run with no tests is a failure. A full run (no arguments) also
// type-checks every workspace first, counted as one check.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const resultsFile = path.resolve('.test-data', `results-${process.pid}.json`);
fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
fs.rmSync(resultsFile, { force: true });

const fullRun = process.argv.length <= 2;
let typecheckFailed = false;
if (fullRun) {
  const typecheck = spawnSync('npm', ['run', '-s', 'typecheck'], { stdio: 'inherit' });
  typecheckFailed = typecheck.status !== 0;
  console.log(typecheckFailed ? 'typecheck: FAILED' : 'typecheck: ok');
}

const vitest = path.resolve('node_modules', 'vitest', 'vitest.mjs');
const run = spawnSync(
  process.execPath,
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: Array<{ status: string; assertionResults: Array<{ status: string }> }>;
  };
  passed = results.numPassedTests;
  failed = results.numFailedTests;
  skipped = results.numPendingTests + results.numTodoTests;
  // A file that failed outside its tests (syntax error, failing beforeAll) has no failed test of
  // its own: none at all, or only skipped ones.
  failed += results.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed')).length;
} catch {
  failed += 1;
}

fs.rmSync(resultsFile, { force: true });
if (fullRun) {
  if (typecheckFailed) failed += 1;
  else passed += 1;
}
const ok = run.status === 0 && failed === 0 && passed > 0;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(ok ? 0 : 1);
