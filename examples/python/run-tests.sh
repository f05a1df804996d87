#!/usr/bin/env bash
# Installs the wheel that `npx projen package:python` built (dist/python) with the pinned requirements beside this script
# into a fresh virtualenv, as a Python user would, and runs the example app's tests with pytest. Run by
# `npx projen test:python`; pytest's results go to test-reports/pytest.xml, which .ci/run counts.
set -euo pipefail
cd "$(dirname "$0")"
wheels=(../../dist/python/*.whl)
if [ ! -f "${wheels[0]}" ]; then echo "no wheel in dist/python: run npx projen package:python" >&2; exit 1; fi
rm -rf .venv
python3 -m venv .venv
.venv/bin/pip install -q --disable-pip-version-check --no-deps -r requirements.txt
.venv/bin/pip install -q --disable-pip-version-check --no-deps "${wheels[@]}"
.venv/bin/pip check
mkdir -p ../../test-reports
.venv/bin/python -m pytest -p no:cacheprovider --junitxml=../../test-reports/pytest.xml "$@"
