"""Tenant tooling from the command line.

    python -m tenants render-asterisk --out DIR [--tenant SLUG:ID ...] [--trunk NAME:HOST[:PORT]:USER:PASSWORD ...]

The ARI user, password and application come from the settings (VOXFLOW_ARI_USER, VOXFLOW_ARI_PASSWORD,
VOXFLOW_ARI_APP). Tenants and trunks are given on the command line for now; provisioning will take them
from the database.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path
from urllib.parse import urlsplit

from backend.settings import get_settings
from tenants.asterisk_config import (
    DEFAULT_SIP_PORT, AsteriskConfigError, AsteriskTenant, SipTrunk, render_asterisk_config,
)

DEFAULT_ARI_USER = "voxflow"
DEFAULT_HTTP_BIND = "127.0.0.1"
DEFAULT_HTTP_PORT = 8088  # Asterisk's usual HTTP port


def parse_tenant(spec: str) -> AsteriskTenant:
    slug, separator, tenant_id = spec.partition(":")
    if not separator or not slug or not tenant_id:
        raise argparse.ArgumentTypeError(f"expected SLUG:ID, got {spec!r}")
    return AsteriskTenant(slug=slug, id=tenant_id)


def parse_trunk(spec: str) -> SipTrunk:
    """NAME:HOST[:PORT]:USER:PASSWORD. The password may hold ':'; then give the port, so that a numeric user
    name is not taken for it."""
    parts = spec.split(":")
    if len(parts) < 4:
        raise argparse.ArgumentTypeError(f"expected NAME:HOST[:PORT]:USER:PASSWORD, got {len(parts)} fields")
    name, host, *rest = parts
    port = DEFAULT_SIP_PORT
    if len(rest) >= 3 and rest[0].isdigit():
        port = int(rest.pop(0))
    username, password = rest[0], ":".join(rest[1:])
    return SipTrunk(name=name, host=host, port=port, username=username, password=password)


def http_defaults(ari_url: str | None) -> tuple[str, int]:
    """Where Asterisk's HTTP server listens by default: where VOXFLOW_ARI_URL points, when that names an IP
    address; loopback and 8088 otherwise."""
    if not ari_url:
        return DEFAULT_HTTP_BIND, DEFAULT_HTTP_PORT
    url = urlsplit(ari_url)
    try:
        bind = str(ipaddress.ip_address(url.hostname or ""))
    except ValueError:
        bind = DEFAULT_HTTP_BIND
    return bind, url.port or DEFAULT_HTTP_PORT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tenants", description="Voxflow tenant tooling.")
    commands = parser.add_subparsers(dest="command", required=True)
    render = commands.add_parser(
        "render-asterisk", help="write the Asterisk configuration Voxflow needs",
        description="Write http.conf, ari.conf, pjsip.conf, extensions.conf and modules.conf for Asterisk.",
    )
    render.add_argument("--out", type=Path, required=True, help="directory to write the files into")
    render.add_argument("--tenant", dest="tenants", type=parse_tenant, action="append", default=[],
                        metavar="SLUG:ID", help="a tenant whose phones get a context (repeatable)")
    render.add_argument("--trunk", dest="trunks", type=parse_trunk, action="append", default=[],
                        metavar="NAME:HOST[:PORT]:USER:PASSWORD",
                        help="a SIP trunk (repeatable); note that command lines are visible to other local users")
    render.add_argument("--http-bind", help="IP address ARI listens on (default: from VOXFLOW_ARI_URL, else 127.0.0.1)")
    render.add_argument("--http-port", type=int, help="port ARI listens on (default: from VOXFLOW_ARI_URL, else 8088)")
    render.add_argument("--allowed-origin", dest="allowed_origins", action="append", default=[],
                        metavar="URL", help="a browser origin allowed to use ARI (repeatable; normally none)")
    return parser


def render_asterisk(args: argparse.Namespace) -> list[Path]:
    settings = get_settings()
    default_bind, default_port = http_defaults(settings.ari_url)
    password = settings.ari_password.get_secret_value() if settings.ari_password else None
    return render_asterisk_config(
        args.out, ari_user=settings.ari_user or DEFAULT_ARI_USER, ari_password=password, ari_app=settings.ari_app,
        http_bind=args.http_bind or default_bind, http_port=args.http_port or default_port,
        trunks=args.trunks, tenants=args.tenants, allowed_origins=args.allowed_origins,
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        written = render_asterisk(args)
    except AsteriskConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
