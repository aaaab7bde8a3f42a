"""The one error type the sandbox raises for a refused request, rendered as Asterisk does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

Key = TypeVar("Key")
Value = TypeVar("Value")


class AriError(Exception):
    """A request ARI would refuse: answered with ``status`` and ``{"message": message}``."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def lookup(registry: Mapping[Key, Value], key: Key, message: str, status: int = 404) -> Value:
    """``registry[key]``, or the refusal ARI answers when there is no such thing."""
    value = registry.get(key)
    if value is None:
        raise AriError(status, message)
    return value
