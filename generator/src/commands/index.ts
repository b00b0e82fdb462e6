import type { CommandModule } from "yargs";
import { generateCommand } from "./generate.js";
import { loginCommand, logoutCommand, statusCommand } from "./login.js";
import { pullCommand } from "./pull.js";
import { sandboxCommand } from "./sandbox.js";

/** Every command of the CLI, in the order `--help` lists them. Add new commands here. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [generateCommand, loginCommand, logoutCommand, statusCommand, pullCommand, sandboxCommand];
