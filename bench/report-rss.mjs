// Preloaded by the benchmarks (node --import): reports the process's peak RSS on exit.
process.on('exit', () => {
  process.stderr.write(`\nDROVER_BENCH_MAXRSS_KB=${process.resourceUsage().maxRSS}\n`);
});
