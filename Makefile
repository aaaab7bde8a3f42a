.PHONY: run test bootstrap

# Starts everything on embedded defaults and prints the URL and the first login.
run:
	@bash scripts/bootstrap.sh embedded
	@.venv/bin/python -m backend.launcher

# Installs what the tests need, then runs the whole suite against real servers it starts itself.
test:
	@bash scripts/bootstrap.sh dev
	@.venv/bin/python -m pytest -q
