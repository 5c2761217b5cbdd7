#!/usr/bin/env bash
# The one test command: README's quick start and .ci/run both call this.
# Installs what the tests need (system clients, a venv with resdiff and its
# test extras) and runs the whole suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh

venv=${RESDIFF_VENV:-.venv}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'

set +e
"$venv/bin/python" -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
    # pytest's "no tests collected": a filter that matched nothing is fine by hand,
    # but in CI it means the suite vanished, which must not pass.
    if [ "${CI:-}" = "true" ]; then
        echo "test.sh: pytest collected no tests" >&2
        exit 1
    fi
    echo "test.sh: no tests matched" >&2
    exit 0
fi
exit "$rc"
