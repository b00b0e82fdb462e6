/**
 * `oic-gen sandbox` runs `@oic-gen/sandbox`, a package of its own: it brings oidc-provider, which no other
 * command needs, so `npm i -D oic-gen` does not install it. The generator does not depend on the sandbox (the
 * sandbox depends on the generator's load and model stages, through `oic-gen/sandbox-support`); it is looked
 * up in the project the command runs in, where the user installed it.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CommandError } from "../cli/command-error.js";

/** The part of `@oic-gen/sandbox`'s API this command uses (the package's own types are the full contract). */
export interface SandboxModule {
  startSandbox(options: {
    specs: string[];
    idcsPort?: number;
    oicPort?: number;
    redirectUris?: string[];
    maxConcurrent?: number;
    syncTimeoutMs?: number;
    integrationInstance?: string;
    accessTokenTtl?: number;
    onReload?: (event: { integrations: number; problems: readonly string[] }) => void;
  }): Promise<RunningSandbox>;
}

/** What `oic-gen sandbox` prints about a running sandbox. */
export interface RunningSandbox {
  identityDomain: { url: string; clientId: string; clientSecret: string; users: Readonly<Record<string, string>> };
  instanceUrl: string;
  scope: string;
  managementScope: string;
  readonly integrations: readonly {
    code: string;
    version: string;
    project: string | null;
    name: string;
    operations: number;
    metadataUrl: string | null;
  }[];
  close(): Promise<void>;
}

export const SANDBOX_PACKAGE = "@oic-gen/sandbox";

/**
 * Imports the sandbox from the project in `cwd` (where `npm i -D @oic-gen/sandbox` put it), else from beside
 * the generator (a global or npx install). Throws a {@link CommandError} that says how to install it.
 */
export async function loadSandbox(cwd: string): Promise<SandboxModule> {
  for (const from of [join(cwd, "package.json"), import.meta.url]) {
    let entry: string;
    try {
      entry = createRequire(from).resolve(SANDBOX_PACKAGE);
    } catch {
      continue;
    }
    return (await import(pathToFileURL(entry).href)) as SandboxModule;
  }
  throw new CommandError(`the sandbox is a separate package, and ${SANDBOX_PACKAGE} is not installed here`, [
    `install it beside oic-gen: npm i -D ${SANDBOX_PACKAGE}   (pnpm add -D ${SANDBOX_PACKAGE}, yarn add -D ${SANDBOX_PACKAGE})`,
    "then run `npx oic-gen sandbox` again",
  ]);
}
