import {
  deviceCode as webDeviceCode,
  type DeviceCodeAuth,
  type DeviceCodeOptions,
  type DeviceCodePrompt,
} from "../auth/device-code.js";

/** {@link DeviceCodeOptions} where `showCode` may be left out: the code is then printed on stderr. */
export type NodeDeviceCodeOptions = Omit<DeviceCodeOptions, "showCode"> & { showCode?: DeviceCodeOptions["showCode"] };

/**
 * `deviceCode` whose default `showCode` prints the verification URL and the user code on stderr, for
 * scripts in SSH sessions and containers. Everything else is the web entry's `deviceCode`.
 */
export function deviceCode(options: NodeDeviceCodeOptions): DeviceCodeAuth {
  return webDeviceCode({ ...options, showCode: options.showCode ?? printDeviceCode } as DeviceCodeOptions);
}

/** Prints where to sign in and the code to enter (neither is a secret). */
export function printDeviceCode(prompt: DeviceCodePrompt): void {
  process.stderr.write(
    `To sign in, open ${prompt.verificationUriComplete ?? prompt.verificationUri} on any device and enter the code ${prompt.userCode}\n(it expires at ${prompt.expiresAt.toLocaleTimeString()}).\n`,
  );
}
