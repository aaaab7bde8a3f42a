"""Regenerates the editor's test fixtures from the Python flow model (run from the repository root):

    .venv/bin/python frontend/src/test/make_fixtures.py

catalog.fixture.json  = catalog() exactly as GET /api/node-types returns it (pytest checks it stays in sync);
outputs.fixture.json  = Python's outputs for every node of tests/flow_model/fixtures/good, which the
                        TypeScript output rule must reproduce (src/catalog/outputs.test.ts).
"""

import json
from pathlib import Path

from flow_runtime.nodes import get_node_type
from flow_runtime.nodes.registry import catalog

HERE = Path(__file__).parent
GOOD = Path("tests/flow_model/fixtures/good")

(HERE / "catalog.fixture.json").write_text(json.dumps(catalog(), ensure_ascii=False) + "\n", encoding="utf-8")

samples = []
for path in sorted(GOOD.glob("*.json")):
    for node in json.loads(path.read_text(encoding="utf-8"))["graph"]["nodes"]:
        params = {key: value for key, value in node["data"].items() if key not in ("label", "type_version")}
        declaration = get_node_type(node["type"])
        outputs = declaration.outputs(declaration.model_validate(params))
        samples.append({"fixture": path.stem, "node": node["id"], "type": node["type"], "params": params, "outputs": outputs})
(HERE / "outputs.fixture.json").write_text(json.dumps(samples, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"catalog: {len(catalog())} types; outputs: {len(samples)} nodes")
