// The environment `cargo xtask test` and `cargo xtask e2e` give the specs:
// where the server keeps its data, its binary and configuration (for the
// staff command line), and the file its stdout is copied to.

/** The variable `name`, or an error that says how to run the specs. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the end-to-end tests through \`cargo xtask e2e\`.`);
  }
  return value;
}

// The second origin and the widget's wiring (see xtask/src/e2e.rs).

/** The demo vendor's origin (`http://127.0.0.1:PORT2`), allowed to embed the portal. */
export function vendorUrl(): string {
  return requiredEnv('VENDOR_URL');
}

/** The same listener as `localhost` (`http://localhost:PORT2`): an origin NOT allowed to embed the portal. */
export function vendorForeignUrl(): string {
  return requiredEnv('VENDOR_FOREIGN_URL');
}

/** The demo vendor's name, the `iss` of its embed tokens (`demo`). */
export function embedIssuer(): string {
  return requiredEnv('EMBED_ISSUER');
}

/** The demo vendor's HS256 secret (at least 32 characters). */
export function embedSecret(): string {
  return requiredEnv('EMBED_SECRET');
}

/** The copy of the portal's built files the server serves; specs may change it (e.g. deploy the second build over it). */
export function distDir(): string {
  return requiredEnv('AFTERCARE_DIST_DIR');
}

/** The portal's second build (`AFTERCARE_RELEASE` changed: new wasm and hashed files), for the update spec to deploy. */
export function secondBuildDir(): string {
  return requiredEnv('AFTERCARE_SECOND_BUILD_DIR');
}

/** The release name the second build shows in its footer. */
export function secondRelease(): string {
  return requiredEnv('AFTERCARE_SECOND_RELEASE');
}
