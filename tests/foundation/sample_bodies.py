"""A valid request body for every write operation, so sweeps reach past body validation.

A new write operation fails the sweeps until it has a body here: that is deliberate."""

from __future__ import annotations

from tests.conftest import unique
from tests.flows.graphs import greeting_flow
from tests.routes import Operation


def _bodies() -> dict[str, dict]:
    slug = unique("swept-")
    return {
        "login": {"email": f"{slug}@example.com", "password": "whatever-pass"},
        "logout": {},
        "logoutOthers": {},
        "changePassword": {"current_password": "wrong-current", "new_password": "new-password-9"},
        "updateProfile": {"name": "Renamed", "locale": "en"},
        "createUser": {"email": f"{slug}@example.com", "name": "Swept", "role": "agent"},
        "updateUser": {"name": "Renamed", "role": "manager"},
        "resetUserPassword": {"password": "reset-password-1"},
        "createApiKey": {"name": slug, "role": "manager"},
        "revokeApiKey": {},
        "updateTenantSettings": {"name": "Renamed org", "timezone": "Europe/Samara", "allowed_http_hosts": ["crm.example.com"]},
        "createTenant": {"slug": slug, "name": "Swept org", "admin": {"email": f"{slug}@example.com", "name": "A"}},
        "updateTenant": {"name": "Renamed org", "limits": {"max_users": 7}},
        "suspendTenant": {"reason": "sweep"},
        "reactivateTenant": {"reason": "sweep"},
        "viewTenantAs": {},
        "createFlow": {"name": slug, "graph": greeting_flow()},
        "updateFlow": {"name": f"{slug} renamed"},
        "saveDraft": {"graph": greeting_flow("swept"), "revision": 1},
        "validateGraph": {"graph": greeting_flow()},
        "publishFlow": {"note": "swept"},
        "rollbackFlow": {"note": "swept"},
        "duplicateFlow": {"name": f"{slug} copy"},
        "importFlow": {"name": slug, "graph": greeting_flow()},
        "deleteFlow": None,
        "createNumber": {"number": f"+7495{abs(hash(slug)) % 10_000_000:07d}", "description": "swept"},
        "updateNumber": {"description": "swept"},
        "deleteNumber": None,
        "renameAudio": {"name": "swept"},
        "deleteAudio": None,
        "uploadAudio": None,
        "startTestCall": {"flow_id": "0" * 24, "caller": "79160000000"},
        "pressTestCallKeys": {"digits": "1"},
        "hangUpTestCall": None,
    }


def sample_body(op: Operation) -> dict | None:
    bodies = _bodies()
    assert op.operation_id in bodies, f"add a sample body for {op.operation_id} to tests/foundation/sample_bodies.py"
    return bodies[op.operation_id]


# Query parameters an operation cannot do without.
SAMPLE_QUERIES = {"diffFlowVersions": {"from": 1, "to": 1}}
