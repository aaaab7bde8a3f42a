"""How fast and how wide the dialer may go: per campaign (max channels, calls per second), per tenant
(its concurrent calls, inbound included, and calls per second) and per trunk (configured per process,
``VOXFLOW_DIALER_TRUNK_LIMITS``). The limits are enforced atomically in Redis by the claim script; this
module only says what they are. Campaigns of one tenant share its capacity by priority: each round the
dialer claims for the higher-priority campaigns first, and skips the tenant's lower ones in a round where
the tenant's own limit stopped a higher one."""

from __future__ import annotations

from flow_runtime.dialer.schedule import ClaimScope, Limits
from flow_runtime.outbound.models import Campaign
from tenants.models import TenantLimits


def parse_trunk_limits(text: str) -> dict[str, Limits]:
    """``"carrier=120/20,backup=30/5"``: trunk = channels/calls per second (either may be ``-`` for none)."""
    limits = {}
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, values = item.partition("=")
        channels, _, cps = values.partition("/")
        if not name.strip() or not values:
            raise ValueError(f"trunk limit {item!r}: expected name=channels/cps")
        limits[name.strip()] = Limits(int(channels) if channels.strip() not in ("", "-") else -1,
                                      float(cps) if cps.strip() not in ("", "-") else -1.0)
    return limits


def claim_scope(campaign: Campaign, trunk: str, version: str, tenant: TenantLimits,
                trunk_limits: dict[str, Limits]) -> ClaimScope:
    return ClaimScope(
        campaign_id=str(campaign.id), tenant_id=campaign.tenant_id, trunk=trunk, version=version,
        campaign=Limits(max(0, campaign.max_channels), max(0.0, campaign.max_calls_per_second)),
        tenant=Limits(tenant.max_concurrent_calls, tenant.max_calls_per_second),
        trunk_limits=trunk_limits.get(trunk, Limits()),
    )


def claim_order(campaigns: list[Campaign]) -> list[Campaign]:
    """Higher priority first; among equals the one started earlier."""
    return sorted(campaigns, key=lambda c: (-c.priority, c.started_at.timestamp() if c.started_at else 0.0,
                                            str(c.id)))
