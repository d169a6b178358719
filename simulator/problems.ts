// RFC 7807 ProblemDetails, shaped like ASP.NET Core's: `type` points at the RFC 9110 section,
// validation failures carry `errors: {param: [message]}`, and every problem has a `traceId`.

const SECTIONS: Record<number, [string, string]> = {
  400: ['https://tools.ietf.org/html/rfc9110#section-15.5.1', 'Bad Request'],
  401: ['https://tools.ietf.org/html/rfc9110#section-15.5.2', 'Unauthorized'],
  403: ['https://tools.ietf.org/html/rfc9110#section-15.5.4', 'Forbidden'],
  404: ['https://tools.ietf.org/html/rfc9110#section-15.5.5', 'Not Found'],
  405: ['https://tools.ietf.org/html/rfc9110#section-15.5.6', 'Method Not Allowed'],
  408: ['https://tools.ietf.org/html/rfc9110#section-15.5.9', 'Request Timeout'],
  409: ['https://tools.ietf.org/html/rfc9110#section-15.5.10', 'Conflict'],
  413: ['https://tools.ietf.org/html/rfc9110#section-15.5.14', 'Content Too Large'],
  415: ['https://tools.ietf.org/html/rfc9110#section-15.5.16', 'Unsupported Media Type'],
  422: ['https://tools.ietf.org/html/rfc9110#section-15.5.21', 'Unprocessable Content'],
  429: ['https://tools.ietf.org/html/rfc6585#section-4', 'Too Many Requests'],
  500: ['https://tools.ietf.org/html/rfc9110#section-15.6.1', 'An error occurred while processing your request.'],
  501: ['https://tools.ietf.org/html/rfc9110#section-15.6.2', 'Not Implemented'],
  502: ['https://tools.ietf.org/html/rfc9110#section-15.6.3', 'Bad Gateway'],
  503: ['https://tools.ietf.org/html/rfc9110#section-15.6.4', 'Service Unavailable'],
  504: ['https://tools.ietf.org/html/rfc9110#section-15.6.5', 'Gateway Timeout'],
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  [extension: string]: unknown;
}

/** Thrown by handlers; the server turns it into a problem+json response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
    readonly title?: string,
  ) {
    super(detail);
  }

  static validation(param: string, message: string): ProblemError {
    return new ProblemError(400, `${param}: ${message}`, { errors: { [param]: [message] } }, {},
      'One or more validation errors occurred.');
  }

  static notFound(detail: string): ProblemError {
    return new ProblemError(404, detail);
  }
}

export function problem(status: number, detail: string, instance: string, traceId: string,
  extensions: Record<string, unknown> = {}, title?: string): Problem {
  const [type, defaultTitle] = SECTIONS[status] ?? [`https://httpstatuses.io/${status}`, 'Error'];
  return { type, title: title ?? defaultTitle, status, detail, instance, ...extensions, traceId };
}
