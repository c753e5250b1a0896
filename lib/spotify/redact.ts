// Secrets (tokens, codes, verifiers, client secret) must never reach an error message or a log.
// Every string that comes from outside (response bodies, network error text) passes through here.

export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join("[redacted]");
  }
  // Anything shaped like a bearer credential, in case a body echoes one we do not know.
  return result.replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, "$1 [redacted]");
}
