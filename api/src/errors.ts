// Domain errors: services throw these; one middleware (http/problem.ts) maps them to problem+json.
// They carry no HTTP detail beyond a kind, so services stay free of transport concerns.

export interface FieldError { field: string; message: string }

export abstract class DomainError extends Error {
  abstract readonly kind: string;
  constructor(message: string, readonly fieldErrors: FieldError[] = []) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing asked for does not exist (or the caller may not know that it exists). */
export class NotFound extends DomainError { readonly kind = 'not-found'; }
/** The caller is signed in but their role or scope does not allow this. */
export class Forbidden extends DomainError { readonly kind = 'forbidden'; }
/** The caller is not signed in, or their credentials are wrong. */
export class Unauthenticated extends DomainError { readonly kind = 'unauthenticated'; }
/** The request clashes with the current state (duplicate code, wrong status). */
export class Conflict extends DomainError { readonly kind = 'conflict'; }
/** Input of the wrong shape or type; fieldErrors say which. */
export class Invalid extends DomainError { readonly kind = 'validation'; }
/** Well-formed input that the domain cannot accept. */
export class Unprocessable extends DomainError {
  readonly kind: string;
  constructor(message: string, kind = 'unprocessable', fieldErrors: FieldError[] = []) {
    super(message, fieldErrors);
    this.kind = kind;
  }
}
/** An outside service we depend on (the WeChat server API) is down or failing. */
export class UpstreamUnavailable extends DomainError { readonly kind = 'upstream-unavailable'; }
/** Too many attempts in a short time. */
export class RateLimited extends DomainError { readonly kind = 'rate-limited'; }
