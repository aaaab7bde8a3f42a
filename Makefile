.PHONY: run test

# Starts everything on embedded defaults and prints the URL and the first login.
run:
	@bash scripts/bootstrap.sh embedded
	@.venv/bin/python -m backend.launcher

# Installs what the tests need, then runs every test against real servers it starts itself: the editor's
# unit tests (vitest), then the Python suite, which includes the browser tests (tests/e2e).
test:
	@VOXFLOW_WITH_BROWSER=1 bash scripts/bootstrap.sh dev
	@if [ -f frontend/package.json ]; then cd frontend && npm test --silent; fi
	@.venv/bin/python -m pytest -q
