from __future__ import annotations

from typing import Annotated, Literal

from litestar import Controller, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody, MultipartBody, QueryParameter
from litestar.response import File

from backend.context import AppContext
from backend.domains.audio.models import AudioAsset
from backend.domains.audio.schemas import AudioOut, AudioUpdate, AudioUpload
from backend.domains.audio.services import MAX_AUDIO_BYTES, AudioLibrary
from backend.errors import ValidationFailed
from backend.paging import Page, PageParams
from backend.repository import TenantScope
from backend.security.guards import TENANT, requires
from backend.security.roles import Permission

MEDIA_TYPES = {"wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg"}


def provide_audio_library(ctx: NamedDependency[AppContext], tenant_scope: NamedDependency[TenantScope]) -> AudioLibrary:
    return AudioLibrary(ctx, tenant_scope)


async def _out(library: AudioLibrary, asset: AudioAsset) -> AudioOut:
    return AudioOut.model_validate({**asset.model_dump(), "id": str(asset.id), "usage": await library.used_by(asset)})


class AudioController(Controller):
    path = "/api/audio"
    tags = ["audio"]
    opt = TENANT
    dependencies = {"library": Provide(provide_audio_library, sync_to_thread=False)}

    @get("/", guards=[requires(Permission.flows_read)], operation_id="listAudio")
    async def list_audio(self, library: NamedDependency[AudioLibrary], paging: NamedDependency[PageParams],
                         search: Annotated[str | None, QueryParameter(max_length=100)] = None) -> Page[AudioOut]:
        page = await library.list(paging, search)
        return Page(items=[await _out(library, a) for a in page.items], next_cursor=page.next_cursor)

    @post("/", guards=[requires(Permission.audio_write)], operation_id="uploadAudio",
          request_max_body_size=MAX_AUDIO_BYTES + 64 * 1024,
          description="Upload an MP3, WAV or OGG recording (multipart field `file`, optional `name`; at most "
                      "20 MB). The content decides the format, not the file name. It is converted to 8 kHz mono "
                      "16-bit WAV for Asterisk; the original is kept.")
    async def upload(self, data: MultipartBody[AudioUpload], library: NamedDependency[AudioLibrary]) -> AudioOut:
        if data.name is not None and not 0 < len(data.name.strip()) <= 200:
            raise ValidationFailed.for_field("name", "invalid", "The name must be 1 to 200 characters.")
        return await _out(library, await library.upload(data.file, data.name and data.name.strip()))

    @get("/{asset_id:str}", guards=[requires(Permission.flows_read)], operation_id="getAudio")
    async def get_audio(self, asset_id: FromPath[str], library: NamedDependency[AudioLibrary]) -> AudioOut:
        return await _out(library, await library.get(asset_id))

    @get("/{asset_id:str}/file", guards=[requires(Permission.flows_read)], operation_id="downloadAudio",
         description="The recording to play in a browser: `variant=wav` (as Asterisk plays it) or `original`.")
    async def download(self, asset_id: FromPath[str], library: NamedDependency[AudioLibrary],
                       variant: Annotated[Literal["wav", "original"], QueryParameter()] = "wav") -> File:
        asset = await library.get(asset_id)
        media_type = MEDIA_TYPES["wav" if variant == "wav" else asset.format]
        return File(library.file(asset, variant), media_type=media_type, content_disposition_type="inline",
                    filename=f"{asset.id}.{'wav' if variant == 'wav' else asset.format}")

    @patch("/{asset_id:str}", guards=[requires(Permission.audio_write)], operation_id="renameAudio")
    async def rename(self, asset_id: FromPath[str], data: JSONBody[AudioUpdate],
                     library: NamedDependency[AudioLibrary]) -> AudioOut:
        return await _out(library, await library.rename(asset_id, data.changes()))

    @delete("/{asset_id:str}", guards=[requires(Permission.audio_write)], operation_id="deleteAudio", status_code=204,
            description="Delete a recording; refused (409 audio.in_use) while a published flow plays it.")
    async def delete_audio(self, asset_id: FromPath[str], library: NamedDependency[AudioLibrary]) -> None:
        await library.delete(asset_id)
