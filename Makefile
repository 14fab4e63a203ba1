# Entry points for developers and CI: make run, make test, make bench (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
# Rebuilt whenever requirements.txt is newer than it.
VENV_STAMP := $(VENV)/.requirements-installed
MANAGE := $(VENV)/bin/python manage.py
# Debian packages the product needs: venv, Pango and HarfBuzz for WeasyPrint (PDF),
# poppler-utils to read PDFs back in tests, chromium for the browser tests.
SYS_PACKAGES := python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils chromium redis-server
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
PG_READY := pg_isready -q -h 127.0.0.1

.PHONY: run test bench bench-scale install system-packages postgres redis deploy-check fonts

run: export DEBUG = 1
run: install
	$(MANAGE) migrate
	$(MANAGE) load_demo
	@echo "Open http://127.0.0.1:8000/ (admin: http://127.0.0.1:8000/admin/)"
	$(MANAGE) runserver 127.0.0.1:8000

# pytest exits 5 when it collected no test: say so rather than fail without a word.
test: install
	$(VENV)/bin/pytest $(PYTEST_ARGS) || { status=$$?; [ $$status -ne 5 ] || echo "pytest ran no test" >&2; exit $$status; }

# The served-page benchmark loads gunicorn with wrk and uses Redis as the shared cache.
bench: SYS_PACKAGES += wrk
bench: install postgres redis
	$(VENV)/bin/python -m bench.runner

# 3,000 departments × 3 years in the PostgreSQL database budget_scale (kept: generated once, in
# about 5 minutes), then the pages' timings in docs/performance-scale.md (bench/scale.py).
bench-scale: install postgres
	$(VENV)/bin/python -m bench.scale

install: system-packages $(VENV_STAMP)

# Installs only what is missing; a machine without apt-get is left to its owner.
system-packages:
	@command -v apt-get >/dev/null || exit 0; \
	missing=$$(for p in $(SYS_PACKAGES); do dpkg -s $$p 2>/dev/null | grep -q "^Status: install ok installed" || echo $$p; done); \
	[ -z "$$missing" ] || { echo "Installing" $$missing; $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; }

$(VENV_STAMP): requirements.txt | system-packages
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r requirements.txt
	touch $@

# Starts the local PostgreSQL cluster when it is down and waits until it answers.
postgres:
	@$(PG_READY) || $(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@for i in $$(seq 30); do $(PG_READY) && exit 0; sleep 1; done; echo "PostgreSQL does not answer on 127.0.0.1" >&2; exit 1

# Starts a local Redis (the Celery broker and shared cache) when it is down.
redis:
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no >/dev/null
	@for i in $$(seq 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && exit 0; sleep 1; done; echo "Redis does not answer on 127.0.0.1:6379" >&2; exit 1

# docs/deploy.md followed on this machine: fresh PostgreSQL database, gunicorn, a Celery worker
# rendering the demo's publication through Redis, nginx in front (tests/test_deploy.py).
deploy-check: SYS_PACKAGES += nginx-light
deploy-check: install postgres redis
	DEPLOY_CHECK=1 $(VENV)/bin/pytest -p no:cacheprovider tests/test_deploy.py

# Developers only: rebuild the PDF fonts in static/fonts/ (committed) from Debian's Noto CJK,
# e.g. when the data brings a character outside GB2312. See tools/subset_fonts.py.
fonts: install
	@dpkg -s fonts-noto-cjk 2>/dev/null | grep -q "^Status: install ok installed" || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends fonts-noto-cjk; }
	$(VENV)/bin/python tools/subset_fonts.py
