"""The application's shared resources, built once at start-up by the composition root (``app.py``)."""

from __future__ import annotations

from dataclasses import dataclass

from pymongo import AsyncMongoClient
from redis.asyncio import Redis

from backend.domains.campaigns.exports import ExportRunner
from backend.domains.campaigns.starting import StartRunner
from backend.domains.contacts.runner import ImportRunner
from backend.security.sessions import SessionStore
from backend.security.tokens import TokenHasher
from backend.settings import Settings


@dataclass
class AppContext:
    settings: Settings
    mongo: AsyncMongoClient
    redis: Redis
    hasher: TokenHasher
    sessions: SessionStore
    import_runner: ImportRunner
    export_runner: ExportRunner
    start_runner: StartRunner
