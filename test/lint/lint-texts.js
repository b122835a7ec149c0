// Lints source texts as if they were files at given paths, with the project's ESLint config, and prints
// the rule ids hit per text as JSON. Run as a child process: ESLint's config loader needs native ESM,
// which jest's module sandbox does not give.
const { ESLint } = require('eslint');

async function main() {
  const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: process.cwd() });
  const out = [];
  for (const c of cases) {
    const [result] = await eslint.lintText(c.code, { filePath: c.filePath });
    out.push(result.messages.map((m) => m.ruleId ?? m.message));
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => {
  process.stderr.write(String(e && e.message));
  process.exit(2);
});
