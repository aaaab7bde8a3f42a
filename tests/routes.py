"""The app's route table, as the sweeping tests see it: every API operation with its access class,
path parameters and body model, so that a new route is swept without anyone listing it."""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass

from pydantic import BaseModel

SWEPT_METHODS = ("GET", "POST", "PATCH", "PUT", "DELETE")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str  # as declared, e.g. /api/users/{user_id:str}
    access: str | None
    operation_id: str
    body_model: type[BaseModel] | None

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"\{(\w+):\w+\}", self.path)

    def url(self, values: dict[str, str]) -> str:
        return re.sub(r"\{(\w+):\w+\}", lambda m: values[m.group(1)], self.path)

    @property
    def is_write(self) -> bool:
        return self.method != "GET"


def _body_model(fn) -> type[BaseModel] | None:
    hints = typing.get_type_hints(fn, include_extras=True)
    data = hints.get("data")
    if data is None:
        return None
    model = typing.get_args(data)[0] if typing.get_origin(data) is typing.Annotated else data
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def api_operations(app) -> list[Operation]:
    operations = []
    for route in app.routes:
        if not route.path.startswith("/api/") or route.path.startswith("/api/docs"):
            continue
        for handler in getattr(route, "route_handlers", []):
            for method in sorted(handler.http_methods):
                if method in SWEPT_METHODS:
                    operations.append(Operation(method, route.path, handler.opt.get("access"),
                                                handler.operation_id or handler.handler_name, _body_model(handler.fn)))
    return operations
