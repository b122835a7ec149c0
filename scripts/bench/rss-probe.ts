/**
 * Preloaded into a benchmarked process (`node -r`): on exit, writes the process's peak resident set
 * size (kB) to the file named by AIRA_BENCH_RSS_FILE.
 */
import * as fs from 'fs';

const file = process.env.AIRA_BENCH_RSS_FILE;
if (file) process.on('exit', () => fs.writeFileSync(file, String(process.resourceUsage().maxRSS)));
