from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from backend.schemas import Password, RequestModel, ResponseModel
from tenants.models import Locale


class LoginRequest(RequestModel):
    # Not validated as an e-mail: a malformed one is simply an unknown login.
    email: Annotated[str, StringConstraints(min_length=1, max_length=254)]
    password: Annotated[str, StringConstraints(min_length=1, max_length=128, strip_whitespace=False)]


class ChangePasswordRequest(RequestModel):
    current_password: Annotated[str, StringConstraints(min_length=1, max_length=128, strip_whitespace=False)]
    new_password: Password


class ProfileUpdate(RequestModel):
    name: Annotated[str, StringConstraints(max_length=200)] | None = None
    locale: Locale | None = None


class TenantSummary(ResponseModel):
    id: str
    slug: str
    name: str
    status: str
    locale: str
    timezone: str


class Me(ResponseModel):
    kind: str
    id: str
    email: str | None = None
    name: str | None = None
    role: str
    locale: str | None = None
    must_change_password: bool = False
    tenant: TenantSummary | None = None
    permissions: list[str]
    csrf_token: str | None = None


class SessionsEnded(ResponseModel):
    ended: int
