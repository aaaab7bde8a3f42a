from __future__ import annotations

from litestar.di import NamedDependency
from litestar.params import JSONBody

from litestar import Controller, Request, Response, get, patch, post
from litestar.datastructures import Cookie
from litestar.di import Provide
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from backend.context import AppContext
from backend.domains.auth.schemas import ChangePasswordRequest, LoginRequest, Me, ProfileUpdate, SessionsEnded
from backend.domains.auth.services import AuthService
from backend.security.guards import PUBLIC, SELF, users_only
from backend.security.principal import Principal
from backend.security.sessions import CSRF_COOKIE, SESSION_COOKIE


def provide_auth_service(ctx: NamedDependency[AppContext]) -> AuthService:
    return AuthService(ctx)


def _cookies(ctx: NamedDependency[AppContext], token: str, csrf: str) -> list[Cookie]:
    common = {"path": "/", "samesite": "lax", "secure": ctx.settings.cookie_secure,
              "max_age": ctx.settings.session_max_age_seconds}
    return [Cookie(key=SESSION_COOKIE, value=token, httponly=True, **common),
            # Readable by the editor's script, which echoes it in X-CSRF-Token on writes.
            Cookie(key=CSRF_COOKIE, value=csrf, httponly=False, **common)]


class AuthController(Controller):
    path = "/api/auth"
    tags = ["auth"]
    dependencies = {"auth": Provide(provide_auth_service, sync_to_thread=False)}

    @post("/login", opt=PUBLIC, status_code=HTTP_200_OK, operation_id="login",
          description="Sign in with e-mail and password. Sets an HttpOnly session cookie and returns the CSRF "
                      "token that cookie-authenticated writes must send in X-CSRF-Token. Repeated failures lock "
                      "the e-mail out for a while (429 auth.locked_out).")
    async def login(self, data: JSONBody[LoginRequest], auth: NamedDependency[AuthService], ctx: NamedDependency[AppContext]) -> Response[Me]:
        result = await auth.login(data.email, data.password)
        me = await auth.describe(result.principal)
        return Response(me, cookies=_cookies(ctx, result.token, result.principal.csrf_token or ""))

    @post("/logout", opt=SELF, guards=[users_only], status_code=HTTP_204_NO_CONTENT, operation_id="logout",
          description="End this session.")
    async def logout(self, auth: NamedDependency[AuthService], principal: NamedDependency[Principal]) -> Response[None]:
        await auth.logout(principal)
        return Response(None, status_code=HTTP_204_NO_CONTENT, cookies=[
            Cookie(key=SESSION_COOKIE, value="", max_age=0, path="/"),
            Cookie(key=CSRF_COOKIE, value="", max_age=0, path="/"),
        ])

    @get("/me", opt=SELF, operation_id="getMe", description="Who is signed in, their organisation and permissions.")
    async def me(self, auth: NamedDependency[AuthService], principal: NamedDependency[Principal]) -> Me:
        return await auth.describe(principal)

    @patch("/me", opt=SELF, guards=[users_only], operation_id="updateProfile",
           description="Change own name or interface language.")
    async def update_profile(self, data: JSONBody[ProfileUpdate], auth: NamedDependency[AuthService], principal: NamedDependency[Principal]) -> Me:
        await auth.update_profile(principal, data.changes())
        return await auth.describe(principal)

    @post("/password", opt=SELF, guards=[users_only], status_code=HTTP_200_OK, operation_id="changePassword",
          description="Change own password; every other session of this user ends.")
    async def change_password(self, data: JSONBody[ChangePasswordRequest], auth: NamedDependency[AuthService],
                              principal: NamedDependency[Principal]) -> SessionsEnded:
        return SessionsEnded(ended=await auth.change_password(principal, data.current_password, data.new_password))

    @post("/logout-others", opt=SELF, guards=[users_only], status_code=HTTP_200_OK, operation_id="logoutOthers",
          description="Sign out of every other session of this user.")
    async def logout_others(self, auth: NamedDependency[AuthService], principal: NamedDependency[Principal]) -> SessionsEnded:
        return SessionsEnded(ended=await auth.logout_others(principal))
