import type { z } from "zod";
import { SpotifyInvalidResponseError } from "./errors";

/** Parses a response body with its schema, or throws an error naming endpoint and field. */
export function parseResponse<T extends z.ZodType>(endpoint: string, schema: T, bodyText: string): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch {
    throw new SpotifyInvalidResponseError(endpoint, "", "response body is not valid JSON");
  }
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".");
  const problem = issue.message.replace(/^Invalid input:\s*/, "");
  throw new SpotifyInvalidResponseError(endpoint, field || "(body)", problem);
}
