// Calls the researcher API and turns a problem+json answer into an Error with its detail.
export async function callApi<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, { credentials: "same-origin", ...init });
  const text = await res.text();
  const json = text ? (JSON.parse(text) as unknown) : null;
  if (!res.ok) {
    const p = json as { detail?: string; errors?: { line: number; field: string; message: string }[] } | null;
    const lines = p?.errors?.slice(0, 20).map((e) => `line ${e.line}, field "${e.field}": ${e.message}`) ?? [];
    throw new Error([p?.detail ?? `Request failed (${res.status})`, ...lines].join("\n"));
  }
  return json as T;
}
