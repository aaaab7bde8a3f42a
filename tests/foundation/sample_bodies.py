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
        "createContactList": {"name": slug, "comment": "swept"},
        "updateContactList": {"name": f"{slug} renamed", "comment": "swept"},
        "deleteContactList": None,
        "addContact": {"external_id": slug, "name": "Swept", "phones": ["+79160000001"]},
        "updateContact": {"name": "Renamed", "phones": ["+79160000002"]},
        "deleteContact": None,
        "importContactRows": {"rows": [{"name": "Swept", "phones": ["+79160000003"]}], "policy": "skip"},
        "uploadContactFile": None,
        "startContactImport": {"mapping": {"phones": ["Телефон"]}, "policy": "skip"},
        "createContactMapping": {"name": slug, "mapping": {"phones": ["Телефон"], "name": "ФИО"}},
        "deleteContactMapping": None,
        "addDnc": {"number": "+79160000004", "reason": "swept"},
        "deleteDnc": None,
        "importDnc": None,
        "addProviderDnc": {"number": "+79160000005", "reason": "swept"},
        "deleteProviderDnc": None,
        "importProviderDnc": None,
        "createCampaign": {"name": slug, "flow_id": "0" * 24, "list_ids": [], "caller_id": "+74950000000",
                           "windows": [{"days": [1, 2], "start": "09:00", "end": "18:00"}],
                           "retry_delays": {"busy": 60}, "success_rule": {"kind": "dtmf", "digit": "1"}},
        "updateCampaign": {"priority": 5, "retry_delays": {"busy": 60}},
        "deleteCampaign": None,
        "startCampaign": None,
        "pauseCampaign": None,
        "resumeCampaign": None,
        "cancelCampaign": None,
        "addCampaignTask": {"external_id": slug, "name": "Swept", "phones": ["+79160000006"]},
        "callContactNow": None,
        "exportCampaign": {"format": "csv", "sheet": "attempts"},
    }


def sample_body(op: Operation) -> dict | None:
    bodies = _bodies()
    assert op.operation_id in bodies, f"add a sample body for {op.operation_id} to tests/foundation/sample_bodies.py"
    return bodies[op.operation_id]


# Multipart uploads: a valid file, so the sweeps reach past form parsing.
SAMPLE_FILES = {
    "uploadContactFile": {"file": ("swept.csv", "Телефон\r\n79160000007\r\n".encode(), "text/csv")},
    "importDnc": {"file": ("swept.csv", b"79160000008\r\n", "text/csv")},
    "importProviderDnc": {"file": ("swept.csv", b"79160000009\r\n", "text/csv")},
}

# Query parameters an operation cannot do without.
SAMPLE_QUERIES = {"diffFlowVersions": {"from": 1, "to": 1}}
