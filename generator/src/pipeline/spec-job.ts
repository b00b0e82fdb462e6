import { emitTypes } from "../emit/types-file.js";
import type { SpecProblem } from "../errors.js";
import { prepareSpec, type PrepareInput } from "../load/load-specs.js";
import { buildIntegration } from "../model/build-integration.js";
import type { ModuleNamePins } from "../model/module-names.js";
import type { Integration } from "../model/types.js";

/** One spec to emit: what its load needs, and the names the project pinned (plain data: it crosses to workers). */
export interface SpecJob extends PrepareInput {
  pins: ModuleNamePins;
}

/** A spec carried through its expensive stages: the model, and openapi-typescript's `types.ts` text. */
export interface TypedIntegration {
  integration: Integration;
  types: string;
  /** Repairs made while preparing the document (see `PreparedSpec.warnings`). */
  warnings: SpecProblem[];
}

/**
 * The per-spec half of the pipeline, run on worker threads: load (prepare) → model → emit (types). Each stage
 * is a separate module and none calls another; this runner is the only place that chains them per spec.
 */
export async function typeSpec(job: SpecJob): Promise<TypedIntegration> {
  const prepared = await prepareSpec(job);
  const integration = buildIntegration(prepared, job.pins);
  return { integration, types: await emitTypes(prepared.document, prepared.source), warnings: prepared.warnings };
}
