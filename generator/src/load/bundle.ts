import type { JsonObject } from "./json-walk.js";
import { withStandIns } from "./stand-in-names.js";

/** A file the `$ref` check has already read and accepted (inside the input folders, parsed). */
export interface CheckedFile {
  path: string;
  text: string;
}

/**
 * Inlines `$ref`s to other files with Redocly's bundler, the one openapi-typescript itself uses, reading only
 * the files the `$ref` check accepted, from memory: any other reference (a remote URL, a file outside the
 * input folders, one inside an example or an extension) stays unresolved instead of being fetched or read.
 */
export async function bundleFiles(entryPath: string, files: readonly CheckedFile[]): Promise<JsonObject> {
  const { bundle, createConfig, BaseResolver, Source } = await import("@redocly/openapi-core");
  // Redocly's resolver calls `node.hasOwnProperty(...)`: names it would trip over travel as stand-ins.
  const standIns = withStandIns(files.map((file) => file.text));
  const allowed = new Map(files.map((file, i) => [file.path, standIns.texts[i]!]));
  class CheckedFilesResolver extends BaseResolver {
    override async loadExternalRef(absoluteRef: string): Promise<InstanceType<typeof Source>> {
      const text = allowed.get(absoluteRef);
      if (text === undefined) throw new Error(`not one of the checked input files: ${absoluteRef}`);
      return new Source(absoluteRef, text);
    }
  }
  const config = await createConfig({}, {});
  const result = await bundle({
    ref: entryPath,
    config,
    dereference: false,
    externalRefResolver: new CheckedFilesResolver(),
  });
  return standIns.restore(result.bundle.parsed as JsonObject);
}
