"""What a dialer knows of one campaign it watches."""

from __future__ import annotations

import math
from dataclasses import dataclass

from flow_runtime.context import TenantInfo
from flow_runtime.interpreter import PreparedGraph
from flow_runtime.outbound.models import Campaign, CampaignState
from tenants.models import TenantLimits


@dataclass(eq=False)
class CampaignEntry:
    campaign: Campaign
    version: str
    trunk: str
    tenant: TenantInfo | None = None
    tenant_limits: TenantLimits | None = None
    graph: PreparedGraph | None = None
    next_due: float | None = -math.inf  # dialer clock; None: nothing on the schedule; -inf: look now
    checked_at: float = 0.0  # real time of the last completion check

    @property
    def id(self) -> str:
        return str(self.campaign.id)

    @property
    def claimable(self) -> bool:
        return (self.campaign.state == CampaignState.running and self.tenant is not None
                and self.tenant_limits is not None and self.graph is not None)
