"""The audio library: uploads are sniffed, converted for Asterisk, stored per tenant, and kept while a
published flow uses them."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from bson import ObjectId
from litestar.datastructures import UploadFile

from backend.context import AppContext
from backend.domains.audio.conversion import UnreadableAudio, convert_for_asterisk, sniff_format
from backend.domains.audio.models import AudioAsset
from flow_runtime.media_paths import AUDIO_ORIGINAL, AUDIO_WAV, audio_folder
from backend.domains.flows.services import flows_referencing
from backend.errors import Conflict, ValidationFailed
from backend.paging import Page, PageParams
from backend.repository import TenantRepository, TenantScope
from tenants.models import Tenant

MAX_AUDIO_BYTES = 20 * 1024 * 1024
COPY_CHUNK = 1024 * 1024


class AudioLibrary:
    def __init__(self, ctx: AppContext, tenant_scope: TenantScope) -> None:
        self.data_dir = ctx.settings.data_dir
        self.scope = tenant_scope
        self.assets = TenantRepository(AudioAsset, tenant_scope)

    def folder(self, asset_id: ObjectId | str) -> Path:
        # Only ids we generated name files: nothing the user sends becomes part of a path.
        return audio_folder(self.data_dir, self.scope.tenant_id, str(asset_id))

    def file(self, asset: AudioAsset, variant: str) -> Path:
        return self.folder(asset.id) / (AUDIO_WAV if variant == "wav" else AUDIO_ORIGINAL)

    async def list(self, paging: PageParams, search: str | None) -> Page[AudioAsset]:
        query = {"name": {"$regex": re.escape(search), "$options": "i"}} if search else {}
        return await self.assets.page(query, paging)

    async def get(self, asset_id: str) -> AudioAsset:
        return await self.assets.get(asset_id)

    async def used_by(self, asset: AudioAsset) -> dict[str, list[str]]:
        """Flows whose current published version or draft plays this asset."""
        published, drafts = await flows_referencing(self.scope.tenant_id, "audio", str(asset.id))
        return {"published_flows": sorted(published), "draft_flows": sorted(drafts)}

    async def _check_quota(self, incoming: int) -> None:
        tenant = await Tenant.get(ObjectId(self.scope.tenant_id))
        used = sum(a.original_bytes + a.wav_bytes for a in await AudioAsset.find(self.assets.scoped()).to_list())
        if tenant and used + incoming > tenant.limits.storage_quota_mb * 1024 * 1024:
            raise Conflict("The organisation's storage quota is used up.", code="audio.quota_exceeded")

    async def upload(self, upload: UploadFile, name: str | None) -> AudioAsset:
        head = await upload.read(16)
        audio_format = sniff_format(head)
        if audio_format is None:
            raise ValidationFailed.for_field("file", "audio.unsupported_format",
                                             "This is not an MP3, WAV or OGG file (judged by its content).")
        asset_id = ObjectId()
        folder = self.folder(asset_id)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            original = folder / AUDIO_ORIGINAL
            with original.open("wb") as out:
                out.write(head)
                while chunk := await upload.read(COPY_CHUNK):
                    out.write(chunk)
            await self._check_quota(original.stat().st_size)
            try:
                duration = await convert_for_asterisk(original, audio_format, folder / AUDIO_WAV)
            except UnreadableAudio as exc:
                raise ValidationFailed.for_field("file", "audio.unreadable", f"The file could not be read as "
                                                 f"{audio_format}: {exc}") from None
            asset = AudioAsset(id=asset_id, tenant_id=self.scope.tenant_id,
                               name=name or Path(upload.filename or "audio").stem[:200] or "audio",
                               original_filename=(upload.filename or "")[:255], format=audio_format,
                               original_bytes=original.stat().st_size, wav_bytes=(folder / AUDIO_WAV).stat().st_size,
                               duration_seconds=round(duration, 3))
            return await self.assets.insert(asset)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)  # nothing half-written stays behind
            raise

    async def rename(self, asset_id: str, changes: dict[str, Any]) -> AudioAsset:
        return await self.assets.update(await self.assets.get(asset_id), changes)

    async def delete(self, asset_id: str) -> None:
        asset = await self.assets.get(asset_id)
        usage = await self.used_by(asset)
        if usage["published_flows"]:
            raise Conflict("A published flow plays this recording.", code="audio.in_use", extra={"usage": usage})
        await self.assets.delete(asset)
        shutil.rmtree(self.folder(asset.id), ignore_errors=True)
