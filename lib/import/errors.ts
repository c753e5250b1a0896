/**
 * A refused or malformed import. The message is meant for the user as it is: it names the
 * file (inside a zip: the path inside it) and, for an entry, its 0-based index.
 */
export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportError";
  }
}
