"""The audio library: real conversion with sox, content sniffing, per-tenant storage, delete refused while
a published flow plays the recording."""

import subprocess
from pathlib import Path

import pytest

from tests.conftest import assert_problem
from tests.flows.graphs import greeting_flow
from tests.flows.test_flows_api import create_flow


@pytest.fixture(scope="module")
def sounds(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("sounds")
    made = {}
    for name, extra in (("tone.wav", []), ("tone.mp3", []), ("tone.ogg", [])):
        path = folder / name
        subprocess.run(["sox", "-n", "-r", "44100", "-c", "2", str(path), "synth", "1.5", "sine", "440", *extra],
                       check=True, capture_output=True)
        made[name] = path
    fake = folder / "not-audio.mp3"
    fake.write_bytes(b"%PDF-1.4 this is a document, not a recording" * 50)
    made["fake"] = fake
    broken = folder / "broken.wav"
    broken.write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunkjunkjunk" + b"\x00" * 100)
    made["broken"] = broken
    return made


async def upload(client, path: Path, name: str | None = None):
    files = {"file": (path.name, path.read_bytes(), "audio/mpeg")}
    return await client.post("/api/audio", files=files, data={"name": name} if name else {})


@pytest.mark.parametrize("filename,fmt", [("tone.wav", "wav"), ("tone.mp3", "mp3"), ("tone.ogg", "ogg")])
async def test_upload_converts_to_8khz_mono_wav(make_tenant, sounds, settings, filename, fmt):
    tenant = await make_tenant()
    response = await upload(tenant.admin, sounds[filename], "Приветствие")
    assert response.status_code == 201, response.text
    asset = response.json()
    assert asset["format"] == fmt and asset["name"] == "Приветствие"
    assert 1.3 < asset["duration_seconds"] < 1.7
    wav = await tenant.admin.get(f"/api/audio/{asset['id']}/file")
    assert wav.headers["content-type"].startswith("audio/wav")
    stored = Path(settings.data_dir) / "probe.wav"
    stored.write_bytes(wav.content)
    info = subprocess.run(["soxi", str(stored)], capture_output=True, text=True).stdout
    assert "Sample Rate    : 8000" in info and "Channels       : 1" in info and "16-bit" in info
    original = await tenant.admin.get(f"/api/audio/{asset['id']}/file", params={"variant": "original"})
    assert original.content == sounds[filename].read_bytes()


async def test_non_audio_renamed_mp3_is_refused_and_nothing_kept(make_tenant, sounds, settings):
    tenant = await make_tenant()
    refused = await upload(tenant.admin, sounds["fake"])
    assert assert_problem(refused, 422)["errors"][0]["code"] == "audio.unsupported_format"
    broken = await upload(tenant.admin, sounds["broken"])
    assert assert_problem(broken, 422)["errors"][0]["code"] == "audio.unreadable"
    assert (await tenant.admin.get("/api/audio")).json()["items"] == []
    tenant_dir = Path(settings.data_dir).resolve() / "audio" / tenant.id
    assert not tenant_dir.exists() or list(tenant_dir.iterdir()) == []


async def test_delete_refused_while_a_published_flow_plays_it(make_tenant, sounds):
    tenant = await make_tenant()
    asset = (await upload(tenant.admin, sounds["tone.wav"])).json()
    flow = await create_flow(tenant.admin, graph=greeting_flow(audio_id=asset["id"]))
    assert (await tenant.admin.post(f"/api/flows/{flow['id']}/publish", json={})).status_code == 201
    refused = await tenant.admin.delete(f"/api/audio/{asset['id']}")
    assert assert_problem(refused, 409, "audio.in_use")["usage"]["published_flows"] == [flow["id"]]
    listed = (await tenant.admin.get(f"/api/audio/{asset['id']}")).json()
    assert listed["usage"]["published_flows"] == [flow["id"]]


async def test_unused_audio_is_deleted_with_its_files(make_tenant, sounds, settings):
    tenant = await make_tenant()
    asset = (await upload(tenant.admin, sounds["tone.wav"])).json()
    folder = Path(settings.data_dir).resolve() / "audio" / tenant.id / asset["id"]
    assert (folder / "prompt.wav").exists()
    assert (await tenant.admin.delete(f"/api/audio/{asset['id']}")).status_code == 204
    assert not folder.exists()


async def test_publishing_a_flow_with_a_missing_audio_is_refused(make_tenant):
    tenant = await make_tenant()
    flow = await create_flow(tenant.admin, graph=greeting_flow(audio_id="0123456789abcdef01234567"))
    body = assert_problem(await tenant.admin.post(f"/api/flows/{flow['id']}/publish", json={}), 422, "flow.invalid")
    assert any(i["code"] == "ref.not_found" for i in body["issues"])
