"""The one error base of the API and its mapping to RFC 9457 problem details.

Every failure leaves the API as ``application/problem+json`` with a stable ``code``; validation
failures list the offending fields in ``errors``. The handlers are registered once, in ``app.py``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


@dataclass
class FieldError:
    field: str
    code: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "message": self.message}


class AppError(Exception):
    """Base of every error the services raise on purpose."""

    status = 400
    code = "bad_request"
    title = "Bad request"

    def __init__(self, detail: str = "", *, code: str | None = None, errors: list[FieldError] | None = None,
                 headers: dict[str, str] | None = None, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail or self.title)
        self.detail = detail or self.title
        if code:
            self.code = code
        self.errors = errors or []
        self.headers = headers or {}
        self.extra = extra or {}  # problem members of this error type, e.g. the validation issues of a flow


class ValidationFailed(AppError):
    status = 422
    code = "validation_failed"
    title = "The request is not valid"

    @classmethod
    def for_field(cls, field_name: str, code: str, message: str) -> "ValidationFailed":
        return cls(message, errors=[FieldError(field_name, code, message)])

    @classmethod
    def coded(cls, field_name: str, code: str, message: str, **extra: Any) -> "ValidationFailed":
        """Like ``for_field``, with the field's code as the problem's own, for clients that switch on it
        (e.g. ``campaign.flow_not_published``, ``file.corrupt``)."""
        return cls(message, code=code, errors=[FieldError(field_name, code, message)], extra=extra)


class Unauthenticated(AppError):
    status = 401
    code = "auth.required"
    title = "Authentication required"


class Forbidden(AppError):
    status = 403
    code = "forbidden"
    title = "Not allowed"


class NotFound(AppError):
    status = 404
    code = "not_found"
    title = "Not found"


class Conflict(AppError):
    status = 409
    code = "conflict"
    title = "Conflict"


class TooManyRequests(AppError):
    status = 429
    code = "rate_limited"
    title = "Too many requests"


@dataclass
class Problem:
    status: int
    code: str
    title: str
    detail: str
    errors: list[dict[str, str]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def response(self, request: Request, headers: dict[str, str] | None = None) -> Response:
        body: dict[str, Any] = {
            "type": f"https://voxflow.dev/problems/{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "code": self.code,
            "instance": request.url.path,
        }
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extra)
        return Response(body, status_code=self.status, media_type=PROBLEM_JSON, headers=headers)


_MISSING_PARAMETER = re.compile(r"Missing required (?:\w+ )?parameter '([^']+)'")


def _litestar_validation_errors(exc: ValidationException) -> list[dict[str, str]]:
    if exc.extra is None and (missing := _MISSING_PARAMETER.search(str(exc.detail))):
        return [{"field": missing.group(1), "code": "missing", "message": str(exc.detail).split(" for ")[0]}]
    errors = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if not isinstance(item, dict):
            continue
        key = str(item.get("key") or item.get("source") or "body")
        message = str(item.get("message", "invalid value"))
        code = "unknown_field" if "Extra inputs are not permitted" in message else "invalid"
        errors.append({"field": key, "code": code, "message": message})
    return errors


_HTTP_CODES = {
    400: ("bad_request", "Bad request"),
    401: ("auth.required", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    413: ("payload_too_large", "The upload is too large"),
    429: ("rate_limited", "Too many requests"),
}


def app_error_handler(request: Request, exc: AppError) -> Response:
    problem = Problem(exc.status, exc.code, exc.title, exc.detail, [e.as_dict() for e in exc.errors], exc.extra)
    return problem.response(request, exc.headers)


def http_exception_handler(request: Request, exc: HTTPException) -> Response:
    if isinstance(exc, ValidationException):
        errors = _litestar_validation_errors(exc)
        return Problem(422, "validation_failed", "The request is not valid", "One or more fields are not valid.",
                       errors).response(request)
    code, title = _HTTP_CODES.get(exc.status_code, ("http_error", "Request failed"))
    return Problem(exc.status_code, code, title, str(exc.detail)).response(request, exc.headers)


def internal_error_handler(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return Problem(500, "internal", "Internal error", "Something went wrong on our side.").response(request)


exception_handlers = {
    AppError: app_error_handler,
    HTTPException: http_exception_handler,
    Exception: internal_error_handler,
}
