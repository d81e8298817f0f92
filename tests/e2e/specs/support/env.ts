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
