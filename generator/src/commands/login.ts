import type { Argv, CommandModule } from "yargs";
import { connectionOptions, type ConnectionArgs } from "./connection-options.js";

/** `oic-gen login`: the "Get New Access Token" step, once; tokens cached for later commands and runs. */
export const loginCommand: CommandModule<object, ConnectionArgs & { device?: boolean }> = {
  command: "login",
  describe: "sign in through the browser (loopback redirect), or with a device code (--device), and cache the tokens",
  builder: (command: Argv) =>
    connectionOptions(command)
      .option("device", {
        describe:
          "sign in with a device code: prints a URL and a code to enter on any device with a browser (SSH sessions, containers)",
        type: "boolean",
      })
      .example("OIC_CLIENT_SECRET=... $0 login", "sign in with the settings in oic-gen.config.json")
      .example("$0 login --device", "sign in from a machine without a browser")
      .example(
        "$0 login --client-key oic-gen-key.pem --client-key-id oic-gen",
        "no shared secret: the application authenticates with a signed assertion",
      )
      .example(
        "$0 login --instance https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com --domain https://idcs-0123456789abcdef0123456789abcdef.identity.oraclecloud.com --client-id 0123abcd",
        "sign in without a config file",
      )
      .epilogue(
        "Opens the system browser at the identity domain's sign-in page (or prints the URL when there is no browser) and waits for the redirect on the registered loopback URL (default http://127.0.0.1:8765/callback). The application needs the Authorization Code and Refresh Token grants, that redirect URL, and the instance's scope; the user needs ServiceInvoker on the instance. With --device it prints the identity domain's device page and a code instead (the application needs the Device Code grant); nothing listens on this machine. The refresh token is kept in the OS keychain where there is one (macOS Keychain, Windows Credential Manager, Secret Service), else with the rest in a 0600 file in the user's state folder; the command says which. Logins are kept per identity domain, client, scope and instance; a script reuses this login with store: cliLoginStore (@oic-gen/runtime/node).",
      ) as unknown as Argv<ConnectionArgs & { device?: boolean }>,
  handler: async (args) => {
    const { deviceLogin, resolveConnection, userLogin } = await import("./connection.js");
    const { describeLogin, describeStorage, explainLoginFailure, showDeviceCode, warnIfScopeMisses } = await import(
      "./login-status.js"
    );
    const connection = resolveConnection(args);
    warnIfScopeMisses(connection);
    if (args.device) {
      // Nothing listens on this machine: the user enters the code on any device with a browser.
      const auth = deviceLogin(connection, showDeviceCode);
      await auth.login().catch((error: unknown) => {
        throw explainLoginFailure(error, connection);
      });
      process.stdout.write(
        `oic-gen: signed in. ${await describeLogin(connection, auth)}\n${await describeStorage(connection, auth)}\n`,
      );
      return;
    }
    const { heldLoopbackLogin } = await import("./login-callback.js");
    // The browser tab is answered after the code exchange, so it never says "signed in" when the CLI failed.
    const browser = heldLoopbackLogin({ redirectUri: connection.redirectUri });
    const auth = userLogin(connection, true, browser.login);
    try {
      await auth.login();
    } catch (error) {
      const explained = explainLoginFailure(error, connection);
      await browser.finish({ ok: false, text: `oic-gen could not complete the sign-in: ${explained.message}` });
      throw explained;
    }
    const description = await describeLogin(connection, auth);
    await browser.finish({ ok: true, text: description });
    process.stdout.write(`oic-gen: signed in. ${description}\n${await describeStorage(connection, auth)}\n`);
  },
};

/** `oic-gen logout`: forget the cached tokens and revoke the refresh token. */
export const logoutCommand: CommandModule<object, ConnectionArgs> = {
  command: "logout",
  describe:
    "forget the cached tokens (and revoke the refresh token at the identity domain when the client secret is set)",
  builder: (command: Argv) =>
    connectionOptions(command).example("$0 logout", "sign out") as unknown as Argv<ConnectionArgs>,
  handler: async (args) => {
    const { resolveConnection, userLogin } = await import("./connection.js");
    // Without the secret the tokens are still forgotten here; only the revocation (best effort) needs it.
    const connection = resolveConnection(args, { needsSecret: false });
    const { revoked } = await userLogin(connection, false).logout({ revoke: connection.hasSecret });
    const note = revoked
      ? "; the refresh token was revoked"
      : connection.hasSecret
        ? ""
        : `; the refresh token was not revoked (${connection.secretEnv} is not set), it expires on its own`;
    process.stdout.write(
      `oic-gen: signed out: the cached tokens for ${connection.instanceUrl} are forgotten${note}.\n`,
    );
  },
};

/** `oic-gen status`: who is signed in and until when; exit 1 when nobody is. Never prints a token. */
export const statusCommand: CommandModule<object, ConnectionArgs> = {
  command: "status",
  describe: "say who is signed in and until when (exit 1 when not signed in)",
  builder: (command: Argv) =>
    connectionOptions(command).example("$0 status", "check the cached login") as unknown as Argv<ConnectionArgs>,
  handler: async (args) => {
    const { resolveConnection, userLogin } = await import("./connection.js");
    const { describeLogin, notSignedIn, warnIfScopeMisses } = await import("./login-status.js");
    const { describeConfigSource } = await import("../config.js");
    const connection = resolveConnection(args, { needsSecret: false });
    warnIfScopeMisses(connection);
    const auth = userLogin(connection, false);
    const status = await auth.status();
    if (!status.loggedIn) {
      const { message, hints } = await notSignedIn(connection);
      process.stdout.write(
        `oic-gen: ${message}\n${hints.map((hint) => `  ${hint}\n`).join("")}  (${describeConfigSource(connection.config)})\n`,
      );
      process.exitCode = 1;
      return;
    }
    process.stdout.write(
      `oic-gen: ${await describeLogin(connection, auth)}\n  (${describeConfigSource(connection.config)})\n`,
    );
  },
};
