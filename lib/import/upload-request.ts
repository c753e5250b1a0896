/**
 * An upload read from a request's body (both import routes), or the answer that refuses it:
 * 413 past the import limits (UploadRefusedError's status), 400 when the body could not be read.
 */
import { jsonError } from "@/lib/http/route";
import { UploadRefusedError } from "@/lib/import/upload";

type BodyReceiver<T> = (body: ReadableStream<Uint8Array> | null, options: { contentLength: number | null }) => Promise<T>;

export async function receiveFromRequest<T>(request: Request, receive: BodyReceiver<T>): Promise<{ upload: T } | { refusal: Response }> {
  const contentLength = request.headers.get("content-length");
  try {
    return { upload: await receive(request.body, { contentLength: contentLength === null ? null : Number(contentLength) }) };
  } catch (error) {
    if (error instanceof UploadRefusedError) return { refusal: jsonError(error.status, error.message) };
    console.error("import upload: receiving failed", error);
    return { refusal: jsonError(400, "The upload could not be read (was it interrupted?). Nothing was imported.") };
  }
}
