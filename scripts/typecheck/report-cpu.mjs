// Preloaded into the measured tsc process (`node --import`): prints the process's CPU time when it exits, so
// that the figures hold on a busy machine, where wall time also counts the time spent waiting for a core.
process.on("exit", () => {
  const { user, system } = process.cpuUsage();
  process.stdout.write(`CPU time: ${((user + system) / 1e6).toFixed(2)}s\n`);
});
