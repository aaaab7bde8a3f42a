"""Asterisk configuration for Voxflow, rendered from the templates in asterisk-templates/.

Templates mark values as ``{{name}}``: a syntax Asterisk never uses, so its own ``${EXTEN}`` passes through
untouched. Every value is checked before it lands in a file: a newline, a comma or a bracket in a name would
let a tenant slug or trunk field rewrite the dialplan or add SIP sections.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "asterisk-templates"
SECRET_FILE_MODE = 0o640  # owner and Asterisk's group: these files hold the ARI and trunk passwords
PUBLIC_FILE_MODE = 0o644
MIN_ARI_PASSWORD_LENGTH = 12
DEFAULT_SIP_PORT = 5060

_PLACEHOLDER = re.compile(r"\{\{([a-z_]+)\}\}")
# Section names and dialplan arguments: no brackets, commas, spaces or parentheses.
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$")  # as the API accepts tenant slugs
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")
_SIP_USER = re.compile(r"^[A-Za-z0-9_.+-]{1,64}$")
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.-]+(?::[0-9]{1,5})?$")


class AsteriskConfigError(ValueError):
    """A value that cannot go into the Asterisk configuration; the message names it and says why."""


@dataclass(frozen=True)
class SipTrunk:
    """A carrier's SIP trunk: Voxflow registers to it, takes its inbound calls and dials out through it."""

    name: str
    host: str
    username: str
    password: str
    port: int = DEFAULT_SIP_PORT


@dataclass(frozen=True)
class AsteriskTenant:
    """What Asterisk needs of a tenant: the slug names its phones' context, the id goes to Stasis."""

    slug: str
    id: str


def render_asterisk_config(
    out_dir: Path, *, ari_user: str, ari_password: str | None, ari_app: str, http_bind: str, http_port: int,
    trunks: Sequence[SipTrunk] = (), tenants: Sequence[AsteriskTenant] = (), allowed_origins: Sequence[str] = (),
    templates_dir: Path = TEMPLATES_DIR,
) -> list[Path]:
    """Write http.conf, ari.conf, pjsip.conf, extensions.conf and modules.conf into ``out_dir``; the files
    holding passwords (ari.conf, pjsip.conf) are readable by owner and group only."""
    common = {"ari_app": _checked(_NAME, ari_app, "ARI application name")}
    http = {"http_bind": _checked_address(http_bind), "http_port": str(_checked_port(http_port, "HTTP port"))}
    ari = {
        "ari_user": _checked(_NAME, ari_user, "ARI user"),
        "ari_password": _config_value(_checked_ari_password(ari_password), "ARI password"),
        "allowed_origins": ",".join(_checked(_ORIGIN, origin, "allowed origin") for origin in allowed_origins),
    }
    _check_unique([trunk.name for trunk in trunks], "trunk")
    _check_unique([tenant.slug for tenant in tenants], "tenant")
    trunk_values = [_trunk_values(trunk) for trunk in trunks]
    tenant_values = [_tenant_values(tenant) for tenant in tenants]

    def fill(template: str, values: Mapping[str, str]) -> str:
        return _fill(templates_dir / template, values)

    pjsip = {
        "trunks": "".join(fill("fragments/pjsip-trunk.conf", values) for values in trunk_values),
        "tenant_phones": "".join(fill("fragments/pjsip-tenant-phones.conf", values) for values in tenant_values),
    }
    extensions = {
        "tenant_contexts": "".join(fill("fragments/extensions-tenant.conf", common | values)
                                   for values in tenant_values),
    }
    files = {
        "http.conf": (fill("http.conf", http), PUBLIC_FILE_MODE),
        "ari.conf": (fill("ari.conf", ari), SECRET_FILE_MODE),
        "pjsip.conf": (fill("pjsip.conf", pjsip), SECRET_FILE_MODE),
        "extensions.conf": (fill("extensions.conf", common | extensions), PUBLIC_FILE_MODE),
        "modules.conf": (fill("modules.conf", {}), PUBLIC_FILE_MODE),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    return [_write(out_dir / name, text, mode) for name, (text, mode) in files.items()]


def _fill(template: Path, values: Mapping[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise AsteriskConfigError(f"{template.name} uses {{{{{name}}}}}, which has no value")
        return values[name]

    return _PLACEHOLDER.sub(value, template.read_text(encoding="utf-8"))


def _write(path: Path, text: str, mode: int) -> Path:
    # Created with its final mode, and re-moded when it already existed: a secret is never readable by others,
    # not even for a moment.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        os.fchmod(descriptor, mode)
        file.write(text)
    return path


def _trunk_values(trunk: SipTrunk) -> dict[str, str]:
    return {
        "trunk_name": _checked(_NAME, trunk.name, "trunk name"),
        "trunk_host": _checked(_HOST, trunk.host, f"host of trunk {trunk.name}"),
        "trunk_port": str(_checked_port(trunk.port, f"port of trunk {trunk.name}")),
        "trunk_username": _checked(_SIP_USER, trunk.username, f"user of trunk {trunk.name}"),
        "trunk_password": _config_value(trunk.password, f"password of trunk {trunk.name}"),
    }


def _tenant_values(tenant: AsteriskTenant) -> dict[str, str]:
    return {
        "tenant_slug": _checked(_SLUG, tenant.slug, "tenant slug"),
        "tenant_id": _checked(_NAME, tenant.id, f"id of tenant {tenant.slug}"),
    }


def _check_unique(names: list[str], what: str) -> None:
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise AsteriskConfigError(f"Each {what} may appear once; repeated: {', '.join(repeated)}")


def _checked(pattern: re.Pattern[str], value: str, what: str) -> str:
    if not pattern.match(value):
        raise AsteriskConfigError(f"Invalid {what} {value!r}")
    return value


def _checked_port(port: int, what: str) -> int:
    if not 1 <= port <= 65535:
        raise AsteriskConfigError(f"Invalid {what} {port}: must be 1–65535")
    return port


def _checked_address(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        raise AsteriskConfigError(f"Invalid HTTP bind address {address!r}: an IP address is needed") from None


def _checked_ari_password(password: str | None) -> str:
    if not password:
        raise AsteriskConfigError(
            "The ARI password is required (VOXFLOW_ARI_PASSWORD): Asterisk must not accept a default or empty one"
        )
    if len(password) < MIN_ARI_PASSWORD_LENGTH:
        raise AsteriskConfigError(f"The ARI password must be at least {MIN_ARI_PASSWORD_LENGTH} characters long")
    return password


def _config_value(secret: str, what: str) -> str:
    """A free-form value (a password) as Asterisk's config parser reads it back unchanged."""
    if not secret:
        raise AsteriskConfigError(f"The {what} is empty")
    if secret != secret.strip() or any(character < " " or character == "\x7f" for character in secret):
        raise AsteriskConfigError(f"The {what} must not contain control characters or surrounding spaces")
    return secret.replace(";", r"\;")  # ';' starts a comment unless escaped
