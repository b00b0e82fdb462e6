/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through
 * `@napi-rs/keyring`, an optional dependency with prebuilt binaries. Where the package or the keychain is
 * missing (CI, containers, a Linux without a Secret Service), {@link openKeychain} resolves `undefined`
 * and callers keep everything in their 0600 file.
 */

/** One secret in the keychain. */
export interface KeychainEntry {
  get(): string | undefined;
  set(value: string): void;
  delete(): void;
}

const SERVICE = "oic-gen";
// The package's own declarations are not relied on (its published index.d.ts may be empty): this is its API.
const PACKAGE: string = "@napi-rs/keyring";
type EntryClass = new (
  service: string,
  account: string,
  options?: { linux?: { store: "secret-service" } },
) => { getPassword(): string | null | undefined; setPassword(value: string): void; deletePassword(): unknown };

/** The entry `account` of the `oic-gen` service, or `undefined` when there is no usable keychain. */
export async function openKeychain(
  account: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<KeychainEntry | undefined> {
  if (env.OIC_GEN_TOKEN_STORE === "file") return undefined;
  let Entry: EntryClass;
  try {
    ({ Entry } = (await import(PACKAGE)) as { Entry: EntryClass });
  } catch {
    return undefined; // not installed for this platform
  }
  try {
    // Reads may answer "nothing stored" where no store exists at all: only a write proves there is one.
    // On Linux only the Secret Service counts: the kernel keyring the package would otherwise fall back to
    // forgets everything at logout or reboot, which is worse than the 0600 file.
    const options = { linux: { store: "secret-service" as const } };
    const probe = new Entry(SERVICE, "probe", options);
    probe.setPassword("1");
    probe.deletePassword();
    const entry = new Entry(SERVICE, account, options);
    return {
      get: () => entry.getPassword() ?? undefined,
      set: (value) => entry.setPassword(value),
      delete: () => {
        try {
          entry.deletePassword();
        } catch {
          // nothing stored: nothing to delete
        }
      },
    };
  } catch {
    return undefined;
  }
}
