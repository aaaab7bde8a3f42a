"""Voxflow settings, read from the environment (prefix ``VOXFLOW_``) once at start-up.

``MONGODB_URL`` and ``REDIS_URL`` are also accepted without the prefix, because that is how hosting
platforms and docker-compose usually hand them over. Unset, the launcher starts embedded servers.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="VOXFLOW_", extra="ignore")

    mongodb_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("VOXFLOW_MONGODB_URL", "MONGODB_URL"),
        description="MongoDB connection URL. Unset: `make run` starts the embedded server.",
    )
    database_name: str = Field(default="voxflow", description="Database name inside MongoDB.")
    redis_url: str | None = Field(
        default=None,
        validation_alias=AliasChoices("VOXFLOW_REDIS_URL", "REDIS_URL"),
        description="Redis URL. Unset: `make run` starts redis-server on a free local port.",
    )
    secret_key: SecretStr = Field(
        default=SecretStr(""),
        description="Secret for signing; generated and kept under the data directory when unset.",
    )
    ari_url: str | None = Field(default=None, description="Asterisk ARI base URL; unset → sandbox PBX.")
    ari_user: str | None = None
    ari_password: SecretStr | None = None
    ari_app: str = Field(default="voxflow", description="Stasis application name.")
    ari_sandbox: bool = Field(default=False, description="The ARI server is Voxflow's sandbox PBX (set by make run); "
                                                         "enables the editor's simulator.")
    tts_engine: str = Field(default="espeak", description="Speech synthesis engine: espeak, festival or http.")
    tts_http_url: str | None = Field(default=None, description="Speech service URL when tts_engine is http.")
    tts_http_api_key: SecretStr | None = Field(default=None, description="Bearer token for that service.")
    tts_cache_mb: int = Field(default=512, ge=16, description="Size bound of the synthesised-prompt cache.")
    data_dir: Path = Field(default=Path("var"), description="Where embedded data, audio and recordings live.")
    public_base_url: str = Field(default="http://127.0.0.1:8000", description="URL users open in a browser.")
    host: str = "127.0.0.1"
    port: int = 8000

    admin_email: str = Field(default="admin@example.com", description="The first provider admin's e-mail.")
    admin_password: SecretStr | None = Field(
        default=None, description="The first provider admin's password; generated and printed once when unset."
    )

    session_idle_seconds: int = Field(default=8 * 3600, ge=60, description="A session ends after this much inactivity.")
    session_max_age_seconds: int = Field(default=7 * 86400, ge=60, description="A session ends this long after login.")
    login_max_failures: int = Field(default=5, ge=1, description="Failed logins per e-mail before a lock-out.")
    login_lockout_seconds: int = Field(default=900, ge=1, description="How long the lock-out lasts.")
    cookie_secure: bool = Field(default=False, description="Set the Secure flag on cookies (behind HTTPS).")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
