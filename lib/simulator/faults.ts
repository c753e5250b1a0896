import type { ServerResponse } from "node:http";
import { sendOAuthError, sendWebApiError } from "./http";
import type { Fault } from "./state";

// Applies an injected fault to a response. Returns true when the fault answered the request
// itself; "malformed" instead wraps the response so the real handler's body gets corrupted.

/** Breaks the first field a client is sure to read: a duration becomes a string, or an id a number. */
export function corruptJson(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
  }
  const corruptFirst = (value: unknown, key: string, replacement: unknown): boolean => {
    if (Array.isArray(value)) return value.some((item) => corruptFirst(item, key, replacement));
    if (value && typeof value === "object") {
      const record = value as Record<string, unknown>;
      for (const [k, v] of Object.entries(record)) {
        if (k === key) {
          record[k] = replacement;
          return true;
        }
        if (corruptFirst(v, key, replacement)) return true;
      }
    }
    return false;
  };
  if (corruptFirst(parsed, "duration_ms", "3:45") || corruptFirst(parsed, "id", 12345) || corruptFirst(parsed, "access_token", 42)) {
    return JSON.stringify(parsed);
  }
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

function corruptResponseBody(res: ServerResponse): void {
  let status = 200;
  let headers: Record<string, string | number> = {};
  const writeHead = res.writeHead.bind(res);
  const end = res.end.bind(res);
  res.writeHead = ((code: number, head?: Record<string, string | number>) => {
    status = code;
    headers = { ...(head ?? {}) };
    return res;
  }) as unknown as typeof res.writeHead;
  res.end = ((chunk?: unknown) => {
    const body = status >= 200 && status < 300 && chunk !== undefined ? corruptJson(String(chunk)) : chunk === undefined ? "" : String(chunk);
    headers["Content-Length"] = Buffer.byteLength(body);
    writeHead(status, headers);
    return end(body);
  }) as unknown as typeof res.end;
}

export function applyFault(res: ServerResponse, fault: Fault): boolean {
  switch (fault.kind) {
    case "429":
      sendWebApiError(res, 429, "API rate limit exceeded", { "Retry-After": String(fault.retryAfter ?? 1) });
      return true;
    case "500":
      sendWebApiError(res, 500, "Server error");
      return true;
    case "503":
      sendWebApiError(res, 503, "Service unavailable");
      return true;
    case "403":
      sendWebApiError(res, 403, "Forbidden");
      return true;
    case "404":
      sendWebApiError(res, 404, "Resource not found");
      return true;
    case "premium":
      sendWebApiError(res, 403, "Active premium subscription required for the owner of the app.");
      return true;
    case "invalid_client":
      sendOAuthError(res, 400, "invalid_client", "Invalid client");
      return true;
    case "not_registered":
      sendWebApiError(res, 403, "User not registered in the Developer Dashboard");
      return true;
    case "drop": {
      // Headers and half a body, then the connection goes: the client sees a reset mid-response.
      res.writeHead(200, { "Content-Type": "application/json; charset=utf-8", "Content-Length": 4096 });
      res.write('{"items":[{"track":');
      setImmediate(() => res.socket?.destroy());
      return true;
    }
    case "malformed":
      corruptResponseBody(res);
      return false;
  }
}
