import { readFileSync } from "node:fs";

/** `oic-gen@<version>`: recorded in the manifest; output of another version is never reused. */
export const GENERATOR_VERSION = `oic-gen@${(JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version}`;

/** Largest spec file accepted unless `--max-file-size` says otherwise, in bytes. */
export const DEFAULT_MAX_FILE_SIZE = 5_000_000;
