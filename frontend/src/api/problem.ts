// RFC 9457 problem details as the API sends them, wrapped in an Error the UI can switch on by `code`.

export interface FieldProblem {
  field: string;
  code: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  code: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || problem.code);
    this.name = "ApiError";
    this.status = problem.status;
    this.code = problem.code;
    this.problem = problem;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** Turns any non-2xx response into an ApiError, whether or not the body is problem+json. */
export async function problemFromResponse(response: Response): Promise<ApiError> {
  let body: Partial<Problem> = {};
  try {
    body = (await response.json()) as Partial<Problem>;
  } catch {
    // not JSON (a proxy error page): fall back to the status line
  }
  return new ApiError({
    ...body,
    status: body.status ?? response.status,
    code: body.code ?? (response.status >= 500 ? "internal" : "http_" + response.status),
    detail: body.detail ?? response.statusText,
  });
}

/** A network failure (server down, offline) as an ApiError so callers handle one error type. */
export function networkError(cause: unknown): ApiError {
  return new ApiError({ status: 0, code: "network", detail: cause instanceof Error ? cause.message : String(cause) });
}
