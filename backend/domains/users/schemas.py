from __future__ import annotations

from datetime import datetime
from typing import Literal

from backend.schemas import Email, Password, RequestModel, ResponseModel, ShortText
from tenants.models import Locale

TenantRoleName = Literal["admin", "manager", "agent"]


class UserCreate(RequestModel):
    email: Email
    name: ShortText
    role: TenantRoleName
    password: Password | None = None  # generated and returned once when omitted
    locale: Locale | None = None


class UserUpdate(RequestModel):
    name: ShortText | None = None
    role: TenantRoleName | None = None
    disabled: bool | None = None
    locale: Locale | None = None


class PasswordReset(RequestModel):
    password: Password | None = None  # generated and returned once when omitted


class UserOut(ResponseModel):
    id: str
    email: str
    name: str
    role: str
    disabled: bool
    locale: str | None
    must_change_password: bool
    last_login_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, user) -> "UserOut":
        return cls.model_validate({**user.model_dump(), "id": str(user.id)})


class UserCreated(UserOut):
    initial_password: str | None = None


class PasswordResetDone(ResponseModel):
    password: str | None = None
    sessions_ended: int
