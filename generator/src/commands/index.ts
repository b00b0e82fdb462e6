import type { CommandModule } from "yargs";
import { generateCommand } from "./generate.js";
import { loginCommand, logoutCommand, statusCommand } from "./login.js";
import { pullCommand } from "./pull.js";
import { sandboxCommand } from "./sandbox.js";

/** Every command of the CLI, in the order `--help` lists them. Add new commands here. */
// biome-ignore lint/suspicious/noExplicitAny: yargs types each command's own arguments; the list holds all of them
export const commands: CommandModule<any, any>[] = [
  generateCommand,
  loginCommand,
  logoutCommand,
  statusCommand,
  pullCommand,
  sandboxCommand,
];
