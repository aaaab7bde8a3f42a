"""Turning a prompt (recordings and TTS text) into the media URIs the channel plays."""

from __future__ import annotations

from flow_runtime.context import CallContext
from flow_runtime.nodes.fields import Prompt


async def prompt_media(prompt: Prompt | None, ctx: CallContext) -> list[str]:
    if prompt is None:
        return []
    media = []
    for item in prompt.items:
        if item.kind == "audio":
            media.append(ctx.services.audio_media(ctx.tenant.id, item.audio_id))
        else:
            media.append(await ctx.services.speak(ctx.render(item.text), prompt.language, prompt.voice))
    return media


async def play_prompt(prompt: Prompt | None, ctx: CallContext, *, barge_in: bool = True) -> str | None:
    """Plays the prompt; returns the key that interrupted it (still buffered for the next read), if any."""
    media = await prompt_media(prompt, ctx)
    result = await ctx.channel.play(media, barge_in=barge_in)
    return result.interrupted_by
