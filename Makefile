.PHONY: setup demo serve test lint bench clean

setup:  ## virtual environment, Odoo 18.0, PostgreSQL role, .odoo.conf
	bash scripts/setup.sh

demo:   ## create or update the perf_demo database and serve it on :8069
	bash scripts/demo.sh

serve:  ## the demo database served as in production: workers, cron worker, websocket port
	bash scripts/serve.sh

test:   ## fresh test database, then every test (fails on any failure or skip)
	bash scripts/test.sh

lint:   ## ruff and pylint-odoo, as configured in .pre-commit-config.yaml
	bash scripts/setup.sh
	.venv/bin/pre-commit run --all-files --show-diff-on-failure

bench:  ## benchmark scripts; they print their figures
	bash scripts/bench.sh

clean:
	rm -rf .venv .odoo.conf .odoo-data
