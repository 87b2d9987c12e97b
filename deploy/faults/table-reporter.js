// Prints the fault-drill table (written by the suite to .local/faults/drill-results.txt) after Jest's own report.
const { existsSync, readFileSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const TABLE = join(__dirname, '../../.local/faults/drill-results.txt');

class FaultTableReporter {
  onRunStart() {
    rmSync(TABLE, { force: true });
  }

  onRunComplete() {
    const table = existsSync(TABLE) ? readFileSync(TABLE, 'utf8') : 'Fault drills: no table (the suite did not run; see above)';
    process.stdout.write(`\n${table}\n\n`);
  }
}

module.exports = FaultTableReporter;
