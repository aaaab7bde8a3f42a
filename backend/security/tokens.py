"""Opaque secrets handed to clients (session tokens, API keys) and the keyed hashes we store instead."""

from __future__ import annotations

import hashlib
import hmac
import secrets


class TokenHasher:
    """HMAC-SHA256 with the installation's secret: a leaked database alone does not yield usable keys."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def digest(self, token: str) -> str:
        return hmac.new(self._secret, token.encode(), hashlib.sha256).hexdigest()


def new_token(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)
