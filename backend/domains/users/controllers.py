from __future__ import annotations

from typing import Annotated

from litestar.di import NamedDependency
from litestar.params import JSONBody, FromPath, QueryParameter

from litestar import Controller, get, patch, post
from litestar.di import Provide

from backend.context import AppContext
from backend.domains.users.schemas import PasswordReset, PasswordResetDone, UserCreate, UserCreated, UserOut, UserUpdate
from backend.domains.users.services import UserService
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission


def provide_user_service(ctx: NamedDependency[AppContext], tenant_scope: NamedDependency[TenantScope]) -> UserService:
    return UserService(ctx, tenant_scope)


class UserController(Controller):
    path = "/api/users"
    tags = ["users"]
    opt = TENANT
    guards = [requires(Permission.users_manage)]
    dependencies = {"users": Provide(provide_user_service, sync_to_thread=False)}

    @get("/", operation_id="listUsers",
         description="The organisation's users, newest first; `search` matches e-mail or name, `role` one role.")
    async def list_users(
        self, users: NamedDependency[UserService], paging: NamedDependency[PageParams],
        search: Annotated[str | None, QueryParameter(max_length=100)] = None,
        role: Annotated[str | None, QueryParameter(pattern="^(admin|manager|agent)$")] = None,
    ) -> Page[UserOut]:
        page = await users.list(paging, search, role)
        return Page(items=[UserOut.of(u) for u in page.items], next_cursor=page.next_cursor)

    @post("/", operation_id="createUser",
          description="Create a user. Without a password, one is generated and returned once in initial_password.")
    async def create_user(self, data: JSONBody[UserCreate], users: NamedDependency[UserService]) -> UserCreated:
        user, generated = await users.create(data.email, data.name, data.role, data.password, data.locale)
        return UserCreated.model_validate({**UserOut.of(user).model_dump(), "initial_password": generated})

    @get("/{user_id:str}", operation_id="getUser")
    async def get_user(self, user_id: FromPath[str], users: NamedDependency[UserService]) -> UserOut:
        return UserOut.of(await users.get(user_id))

    @patch("/{user_id:str}", operation_id="updateUser",
           description="Rename, change role, disable (ends the user's sessions) or re-enable a user.")
    async def update_user(self, user_id: FromPath[str], data: JSONBody[UserUpdate], users: NamedDependency[UserService]) -> UserOut:
        return UserOut.of(await users.update(user_id, data.changes()))

    @post("/{user_id:str}/reset-password", operation_id="resetUserPassword", status_code=200,
          description="Set a new password (generated and returned once when omitted); the user must change it at "
                      "next sign-in and all their sessions end.")
    async def reset_password(self, user_id: FromPath[str], data: JSONBody[PasswordReset], users: NamedDependency[UserService]) -> PasswordResetDone:
        generated, ended = await users.reset_password(user_id, data.password)
        return PasswordResetDone(password=generated, sessions_ended=ended)
