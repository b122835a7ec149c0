// cdktf's Testing.app() leaves a temp folder behind on every call: keep them inside the project, in a
// folder git ignores, instead of the machine's /tmp.
const fs = require('fs');
const path = require('path');
const dir = path.join(__dirname, '..', '..', '.tmp', 'jest');
fs.mkdirSync(dir, { recursive: true });
process.env.TMPDIR = dir;
process.env.CHECKPOINT_DISABLE = '1';
