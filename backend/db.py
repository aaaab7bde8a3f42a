"""MongoDB (through Beanie on PyMongo's async client) and Redis connections."""

from __future__ import annotations

from beanie import init_beanie
from pymongo import AsyncMongoClient
from redis.asyncio import Redis

from backend.domains.api_keys.models import ApiKey
from backend.domains.audio.models import AudioAsset
from backend.domains.audit.models import AuditEntry
from backend.domains.campaigns.models import CampaignExport, CampaignStart
from backend.domains.contacts.models import Contact, ContactImport, ContactList, SavedMapping
from flow_runtime.call_records import CallbackRequest, CallRecord
from flow_runtime.flow_documents import Flow, FlowVersion
from flow_runtime.outbound.models import Campaign, CampaignAttempt, CampaignContact, DncEntry
from backend.domains.users.models import User
from tenants.models import Tenant
from tenants.numbers import InboundNumber

DOCUMENT_MODELS = [Tenant, User, ApiKey, AuditEntry, Flow, FlowVersion, InboundNumber, AudioAsset,
                   CallRecord, CallbackRequest, Campaign, CampaignContact, CampaignAttempt, DncEntry,
                   ContactList, Contact, ContactImport, SavedMapping, CampaignExport, CampaignStart]


async def connect_mongo(url: str, database: str) -> AsyncMongoClient:
    client: AsyncMongoClient = AsyncMongoClient(url, tz_aware=True, serverSelectionTimeoutMS=10_000)
    await init_beanie(database=client[database], document_models=DOCUMENT_MODELS)
    return client


def connect_redis(url: str) -> Redis:
    return Redis.from_url(url, health_check_interval=30)
