/** The named commands, for "did you mean" when a mistyped one (`oic-gen pul`) reaches the default command as an input. */
export const COMMAND_NAMES: readonly string[] = ["generate", "login", "logout", "status", "pull", "sandbox"];
