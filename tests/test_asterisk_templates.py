"""The Asterisk configuration Voxflow renders: what ends up in each file, what is refused, and the CLI."""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tenants.asterisk_config import AsteriskConfigError, AsteriskTenant, SipTrunk, render_asterisk_config

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "ari-secret-0123"
TENANTS = [AsteriskTenant("acme", "65f0a1b2c3d4e5f6a7b8c9d0"), AsteriskTenant("globex", "65f0a1b2c3d4e5f6a7b8c9d1")]
TRUNKS = [SipTrunk("carrier", "sip.carrier.example", "74951234567", "trunk;pass", port=5080)]
FILES = ["http.conf", "ari.conf", "pjsip.conf", "extensions.conf", "modules.conf"]


def render(out_dir: Path, **overrides) -> list[Path]:
    arguments = dict(ari_user="voxflow", ari_password=PASSWORD, ari_app="voxflow-test", http_bind="10.0.0.5",
                     http_port=8090, trunks=TRUNKS, tenants=TENANTS)
    return render_asterisk_config(out_dir, **(arguments | overrides))


def sections(path: Path) -> list[tuple[str, list[str]]]:
    """The file's sections as (header, meaningful lines), comments and blank lines left out; a name may repeat."""
    found: list[tuple[str, list[str]]] = []
    for line in path.read_text().splitlines():
        line = re.sub(r"(?<!\\);.*", "", line).strip()
        if line.startswith("["):
            found.append((line, []))
        elif line:
            found[-1][1].append(line)
    return found


def section(path: Path, header: str) -> list[str]:
    matching = [lines for name, lines in sections(path) if name == header]
    assert len(matching) == 1, f"{header} appears {len(matching)} times in {path.name}"
    return matching[0]


def settings_of(lines: list[str]) -> dict[str, str]:
    return {key.strip(): value.strip() for key, _, value in (line.partition("=") for line in lines)}


def pjsip_object(path: Path, name: str, object_type: str) -> dict[str, str]:
    """One object of pjsip.conf: an endpoint and its aor may share a section name."""
    (found,) = [settings_of(lines) for header, lines in sections(path)
                if header == f"[{name}]" and settings_of(lines)["type"] == object_type]
    return found


@pytest.fixture
def rendered(tmp_path) -> Path:
    render(tmp_path)
    return tmp_path


def test_every_file_is_written(tmp_path):
    written = render(tmp_path / "etc")
    assert [path.name for path in written] == FILES
    assert all(path.is_file() and path.parent == tmp_path / "etc" for path in written)


def test_ari_user_password_and_http_binding(rendered):
    assert settings_of(section(rendered / "ari.conf", "[general]"))["enabled"] == "yes"
    user = settings_of(section(rendered / "ari.conf", "[voxflow]"))
    assert user == {"type": "user", "read_only": "no", "password": PASSWORD, "password_format": "plain"}
    http = settings_of(section(rendered / "http.conf", "[general]"))
    assert (http["enabled"], http["bindaddr"], http["bindport"]) == ("yes", "10.0.0.5", "8090")


def test_inbound_calls_go_to_stasis_with_did_and_caller(rendered):
    inbound = section(rendered / "extensions.conf", "[voxflow-inbound]")
    stasis = [line for line in inbound if "Stasis(" in line]
    assert len(stasis) == 2  # national (_X.) and E.164 (_+X.) numbers
    for line in stasis:
        assert line == "same => n,Stasis(voxflow-test,inbound,${FILTER(0-9+,${EXTEN})},${FILTER(0-9+,${CALLERID(num)})})"
    assert [line.split(",")[0] for line in inbound if line.startswith("exten")] == ["exten => _X.", "exten => _+X."]


def test_each_tenant_has_a_context_passing_its_id(rendered):
    for tenant in TENANTS:
        context = section(rendered / "extensions.conf", f"[voxflow-tenant-{tenant.slug}]")
        stasis = [line for line in context if "Stasis(" in line]
        assert stasis and all(
            line == f"same => n,Stasis(voxflow-test,extension,${{FILTER(0-9*#+,${{EXTEN}})}},tenant={tenant.id})"
            for line in stasis
        )
        phones = settings_of(section(rendered / "pjsip.conf", f"[voxflow-phone-{tenant.slug}](!,voxflow-phone)"))
        assert phones == {"context": f"voxflow-tenant-{tenant.slug}"}


def test_trunk_sections_carry_g711_credentials_and_inbound_context(rendered):
    pjsip = rendered / "pjsip.conf"
    endpoint, aor = pjsip_object(pjsip, "carrier", "endpoint"), pjsip_object(pjsip, "carrier", "aor")
    assert (endpoint["context"], endpoint["disallow"], endpoint["allow"]) == ("voxflow-inbound", "all", "ulaw,alaw")
    assert endpoint["outbound_auth"] == "carrier-auth" and endpoint["transport"] == "voxflow-udp"
    assert aor["contact"] == "sip:sip.carrier.example:5080"
    auth = settings_of(section(pjsip, "[carrier-auth]"))
    assert (auth["username"], auth["password"]) == ("74951234567", r"trunk\;pass")  # ';' would start a comment
    registration = settings_of(section(pjsip, "[carrier-registration]"))
    assert registration["client_uri"] == "sip:74951234567@sip.carrier.example:5080"
    assert settings_of(section(pjsip, "[carrier-identify]"))["match"] == "sip.carrier.example"
    assert settings_of(section(pjsip, "[voxflow-udp]"))["protocol"] == "udp"


def test_modules_required_by_ari_are_enforced(rendered):
    modules = section(rendered / "modules.conf", "[modules]")
    for module in ("res_ari.so", "res_stasis.so", "app_stasis.so", "res_http_websocket.so", "chan_pjsip.so",
                   "format_wav.so", "codec_ulaw.so", "res_stasis_playback.so"):
        assert f"require = {module}" in modules
    assert "noload => chan_sip.so" in modules


def test_no_template_placeholder_is_left_and_asterisk_variables_stay(rendered):
    for name in FILES:
        assert "{{" not in (rendered / name).read_text(), name
    assert "${EXTEN}" in (rendered / "extensions.conf").read_text()


def test_files_with_secrets_are_not_world_readable(rendered):
    modes = {name: stat.S_IMODE((rendered / name).stat().st_mode) for name in FILES}
    assert modes["ari.conf"] == modes["pjsip.conf"] == 0o640
    assert modes["extensions.conf"] == 0o644


def test_rendering_again_tightens_a_file_left_world_readable(rendered):
    (rendered / "ari.conf").chmod(0o666)
    render(rendered)
    assert stat.S_IMODE((rendered / "ari.conf").stat().st_mode) == 0o640


def test_without_tenants_or_trunks_only_the_fixed_parts_are_written(tmp_path):
    render(tmp_path, trunks=[], tenants=[])
    assert [name for name, _ in sections(tmp_path / "extensions.conf")] == ["[general]", "[voxflow-inbound]"]
    assert "type = registration" not in (tmp_path / "pjsip.conf").read_text()


@pytest.mark.parametrize(("password", "message"), [
    (None, "ARI password is required"), ("", "ARI password is required"), ("short", "at least 12 characters"),
    ("twelve-chars\npassword = x", "control characters"), (" padded-password ", "surrounding spaces"),
])
def test_a_missing_or_weak_ari_password_is_refused(tmp_path, password, message):
    with pytest.raises(AsteriskConfigError, match=message):
        render(tmp_path, ari_password=password)
    assert list(tmp_path.iterdir()) == []  # nothing half-written


@pytest.mark.parametrize("overrides", [
    {"tenants": [AsteriskTenant("acme", "x),Hangup(")]},
    {"tenants": [AsteriskTenant("Acme Corp", "65f0")]},
    {"tenants": [AsteriskTenant("acme", "1"), AsteriskTenant("acme", "2")]},
    {"trunks": [SipTrunk("carrier]\n[evil", "sip.example", "u", "p")]},
    {"trunks": [SipTrunk("carrier", "sip.example:5060;transport=tcp", "u", "p")]},
    {"ari_app": "voxflow,extra"},
    {"http_bind": "asterisk.internal"},
    {"http_port": 0},
])
def test_values_that_would_change_the_configuration_are_refused(tmp_path, overrides):
    with pytest.raises(AsteriskConfigError):
        render(tmp_path, **overrides)


def run_cli(*args: str, password: str | None = PASSWORD) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("VOXFLOW_ARI_")}
    if password is not None:
        env["VOXFLOW_ARI_PASSWORD"] = password
    env |= {"VOXFLOW_ARI_APP": "voxflow-cli", "VOXFLOW_ARI_URL": "http://10.1.2.3:8089/ari"}
    return subprocess.run([sys.executable, "-m", "tenants", "render-asterisk", *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)


def test_cli_renders_from_settings_and_options(tmp_path):
    result = run_cli("--out", str(tmp_path), "--tenant", "acme:65f0a1", "--tenant", "globex:65f0b2",
                     "--trunk", "carrier:sip.carrier.example:5080:74951234567:pa:ss")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(tmp_path / name) for name in FILES]
    assert settings_of(section(tmp_path / "ari.conf", "[voxflow]"))["password"] == PASSWORD
    http = settings_of(section(tmp_path / "http.conf", "[general]"))
    assert (http["bindaddr"], http["bindport"]) == ("10.1.2.3", "8089")  # where VOXFLOW_ARI_URL points
    assert "tenant=65f0b2" in (tmp_path / "extensions.conf").read_text()
    assert "Stasis(voxflow-cli,inbound," in (tmp_path / "extensions.conf").read_text()
    auth = settings_of(section(tmp_path / "pjsip.conf", "[carrier-auth]"))
    assert (auth["username"], auth["password"]) == ("74951234567", "pa:ss")
    assert pjsip_object(tmp_path / "pjsip.conf", "carrier", "endpoint")["allow"] == "ulaw,alaw"


def test_cli_refuses_to_render_without_an_ari_password(tmp_path):
    result = run_cli("--out", str(tmp_path), password=None)
    assert result.returncode == 2
    assert "ARI password is required" in result.stderr
    assert not any(tmp_path.iterdir())


def test_cli_rejects_a_malformed_trunk(tmp_path):
    result = run_cli("--out", str(tmp_path), "--trunk", "carrier:sip.example")
    assert result.returncode == 2
    assert "NAME:HOST[:PORT]:USER:PASSWORD" in result.stderr
