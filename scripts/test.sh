#!/usr/bin/env bash
# The one test command: README's quick start and .ci/run both call this.
# Installs what the tests need (system clients, a venv with resdiff and its
# test extras: pytest, the linter and the type checker), then runs the linter
# (ruff), the strict type check (mypy) and the whole suite. Extra arguments go
# to pytest. All three always run, so every failure shows; the script fails
# when any of them fails.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/system-deps.sh

venv=${RESDIFF_VENV:-.venv}

# A stock Debian/Ubuntu Python has no ensurepip until python3-venv is installed:
# `python3 -m venv` then fails, leaving a venv without pip behind.
make_venv() {
    python3 -m venv "$venv" >/tmp/resdiff-venv.log 2>&1
}
if ! command -v python3 >/dev/null 2>&1; then
    echo "test.sh: python3 is not installed (resdiff needs Python 3.10 or later)" >&2
    exit 1
fi
if ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
    if ! make_venv; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
            echo "test.sh: python3 -m venv failed (no ensurepip); installing python3-venv" >&2
            export DEBIAN_FRONTEND=noninteractive
            apt-get update -qq >/dev/null 2>&1 || apt-get update -qq
            apt-get install -y -qq --no-install-recommends python3-venv >/tmp/resdiff-apt.log 2>&1 || {
                echo "test.sh: apt-get install python3-venv failed; last lines:" >&2
                tail -n 20 /tmp/resdiff-apt.log >&2
                exit 1
            }
        fi
        if ! make_venv; then
            echo "test.sh: could not create the virtual environment $venv with python3 -m venv:" >&2
            tail -n 5 /tmp/resdiff-venv.log >&2
            echo "test.sh: on Debian/Ubuntu install the venv module first (as root: apt-get install python3-venv)," >&2
            echo "test.sh: or point RESDIFF_VENV at an existing virtual environment that has pip" >&2
            exit 1
        fi
    fi
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[test]'

failed=()
status=0  # pytest's own exit code when it fails, else 1 when ruff or mypy does

# the linter and the type checker first, so that pytest's summary is the run's last report
echo "test.sh: ruff check src tests benchmarks corpus" >&2
"$venv/bin/python" -m ruff check --output-format concise src tests benchmarks corpus || failed+=("ruff")

echo "test.sh: mypy (strict; configured in pyproject.toml)" >&2
"$venv/bin/python" -m mypy || failed+=("mypy")

set +e
"$venv/bin/python" -m pytest "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
    # pytest's "no tests collected": a filter that matched nothing is fine by hand,
    # but in CI it means the suite vanished, which must not pass.
    if [ "${CI:-}" = "true" ]; then
        echo "test.sh: pytest collected no tests" >&2
        failed+=("pytest (no tests collected)")
        status=1
    else
        echo "test.sh: no tests matched" >&2
    fi
elif [ "$rc" -ne 0 ]; then
    failed+=("pytest (exit $rc)")
    status=$rc
fi

if [ ${#failed[@]} -ne 0 ]; then
    printf 'test.sh: FAILED: %s\n' "${failed[@]}" >&2
    [ "$status" -ne 0 ] || status=1
    exit "$status"
fi
echo "test.sh: pytest, ruff and mypy passed" >&2
