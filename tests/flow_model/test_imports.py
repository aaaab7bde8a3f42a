"""The flow model stays pure: no telephony, web or database libraries get imported."""

import json
import subprocess
import sys
from pathlib import Path

HEAVY = ("asyncari", "litestar", "beanie")


def test_flow_model_imports_no_heavy_modules():
    program = (
        "import json, sys\n"
        "import flow_runtime.nodes, flow_runtime.graph, flow_runtime.expressions, flow_runtime.validation\n"
        "flow_runtime.nodes.catalog()\n"
        "flow_runtime.validation.validate_flow({'nodes': [], 'edges': []})\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        cwd=Path(__file__).parents[2],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout) == []
