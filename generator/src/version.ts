import { readFileSync } from "node:fs";
import { TEMPLATES_FINGERPRINT } from "./templates-fingerprint.generated.js";

/** `oic-gen@<version>`, as `--version` prints it. */
export const GENERATOR_VERSION = `oic-gen@${(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version}`;

/**
 * `oic-gen@<version>+templates.<hash>`: recorded in the manifest; output of another version, or of the same
 * version built from other templates (a development build, a git dependency), is never reused.
 */
export const OUTPUT_GENERATOR = `${GENERATOR_VERSION}+templates.${TEMPLATES_FINGERPRINT}`;

/** Largest spec file accepted unless `--max-file-size` says otherwise, in bytes. */
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;
