// One spec through the peer (openapi-typescript's own API) and through oic-gen's pipeline, in a worker thread
// so that a spec that hangs or eats memory can be stopped without stopping the run.
import { parentPort } from "node:worker_threads";
import { pathToFileURL } from "node:url";

const { generate } = await import("../../generator/dist/generate.js");
const { SpecError, formatProblem } = await import("../../generator/dist/errors.js");
const openapiTS = await import("openapi-typescript");

parentPort.on("message", async ({ spec, out, maxFileSize, peerOnlyOnRefusal }) => {
  const result = { id: spec.id };
  const started = performance.now();
  try {
    const generated = await generate({ inputs: [spec.file], out, jobs: 1, maxFileSize });
    result.ours = {
      ok: true,
      operations: generated.operations,
      warnings: generated.warnings.length,
      firstWarning: generated.warnings[0] && formatProblem(generated.warnings[0]),
    };
  } catch (error) {
    result.ours =
      error instanceof SpecError
        ? { ok: false, problems: error.problems.length, first: formatProblem(error.problems[0]) }
        : { ok: false, crash: true, first: oneLine(error) };
  }
  result.ours.seconds = (performance.now() - started) / 1000;
  // The peer's verdict matters most for what oic-gen refuses (the target: nothing the peer accepts).
  if (peerOnlyOnRefusal && result.ours.ok) result.peer = { ok: null };
  else {
    try {
      const ast = await openapiTS.default(pathToFileURL(spec.file), { silent: true });
      openapiTS.astToString(ast);
      result.peer = { ok: true };
    } catch (error) {
      result.peer = { ok: false, message: oneLine(error) };
    }
  }
  parentPort.postMessage(result);
});

function oneLine(error) {
  return String(error instanceof Error ? error.message : error)
    .split("\n")[0]
    .slice(0, 300);
}
