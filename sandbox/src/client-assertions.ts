/**
 * Signed assertions as an identity domain checks them, for the stand-in: client assertions
 * (`private_key_jwt`: `iss` = `sub` = client id) and user assertions (jwt-bearer grant: `iss` = client id,
 * `sub` = a user). RS256 only, signed by a certificate uploaded to the application (found by the header's
 * `kid` = certificate alias, or `x5t`), `aud` one of the accepted audiences, `exp` not passed, `iat` not in
 * the future, lifetime bounded, and each `jti` accepted once.
 */
import { createHash, createPublicKey, type KeyObject, X509Certificate } from "node:crypto";
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";

/** A public key or certificate as PEM, or a `KeyObject`. */
export type UploadedCertificate = string | KeyObject;

/** Why an assertion was refused; the description never quotes the assertion. */
export class AssertionRefused extends Error {}

export interface AssertionCheckerOptions {
  clientId: string;
  /** Accepted `aud` values. */
  audiences: string[];
  /** Longest accepted `exp - iat`, seconds. */
  maxLifetimeSeconds?: number;
  /** Clock skew tolerated, seconds. */
  clockToleranceSeconds?: number;
}

export class AssertionChecker {
  readonly #byAlias = new Map<string, KeyObject>();
  readonly #byThumbprint = new Map<string, KeyObject>();
  /** `jti` → expiry (epoch s): a replayed assertion is refused until it would have expired anyway. */
  readonly #seen = new Map<string, number>();
  readonly #options: Required<AssertionCheckerOptions>;

  constructor(options: AssertionCheckerOptions) {
    this.#options = { maxLifetimeSeconds: 3600, clockToleranceSeconds: 5, ...options };
  }

  /** Uploads a certificate (or bare public key) under `alias`, as the console's "Import certificate" does. */
  upload(alias: string, certificate: UploadedCertificate): void {
    let key: KeyObject;
    if (typeof certificate === "string" && certificate.includes("BEGIN CERTIFICATE")) {
      const x509 = new X509Certificate(certificate);
      key = x509.publicKey;
      this.#byThumbprint.set(createHash("sha1").update(x509.raw).digest("base64url"), key);
    } else {
      key =
        typeof certificate === "string"
          ? createPublicKey(certificate)
          : certificate.type === "private"
            ? createPublicKey(certificate)
            : certificate;
    }
    this.#byAlias.set(alias, key);
  }

  get hasCertificates(): boolean {
    return this.#byAlias.size > 0;
  }

  /** Verifies `jwt`; `subject` decides which `sub` is acceptable. Resolves the payload, or throws {@link AssertionRefused}. */
  async verify(jwt: string, subject: (sub: string) => boolean): Promise<JWTPayload> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(jwt);
    } catch {
      throw new AssertionRefused("the assertion is not a JWT");
    }
    if (header.alg !== "RS256") throw new AssertionRefused("the assertion must be signed with RS256");
    const key =
      typeof header.kid === "string"
        ? this.#byAlias.get(header.kid)
        : typeof header.x5t === "string"
          ? this.#byThumbprint.get(header.x5t)
          : undefined;
    if (!key)
      throw new AssertionRefused("no certificate uploaded to the application matches the assertion's kid or x5t");
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(jwt, key, {
        algorithms: ["RS256"],
        issuer: this.#options.clientId,
        audience: this.#options.audiences,
        requiredClaims: ["exp", "iat", "jti", "sub"],
        clockTolerance: this.#options.clockToleranceSeconds,
      }));
    } catch (error) {
      throw new AssertionRefused(describe(error));
    }
    if (payload.exp! - payload.iat! > this.#options.maxLifetimeSeconds)
      throw new AssertionRefused(`the assertion lives longer than ${this.#options.maxLifetimeSeconds} s`);
    if (!subject(payload.sub!)) throw new AssertionRefused("the assertion's sub is not accepted here");
    const now = Math.floor(Date.now() / 1000);
    for (const [jti, exp] of this.#seen) if (exp + this.#options.clockToleranceSeconds < now) this.#seen.delete(jti);
    if (this.#seen.has(payload.jti!)) throw new AssertionRefused("the assertion was already used (jti replayed)");
    this.#seen.set(payload.jti!, payload.exp!);
    return payload;
  }
}

function describe(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return "the assertion expired";
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return "the assertion's signature does not match the uploaded certificate";
  if (error instanceof joseErrors.JWTClaimValidationFailed)
    return `the assertion's ${error.claim} claim is not accepted (${error.reason})`;
  return `the assertion was refused (${(error as { code?: string }).code ?? "invalid"})`;
}
