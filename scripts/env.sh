# Shared settings for the project's scripts (sourced, not run). One place for pinned versions.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
# The Open WebUI line the demo and the tests run (0.12.4). Another line is opt-in, in its own venv:
#   OWUI_VERSION=0.6.43 OWUI_VENV=.tools/owui-venv-0.6.43 scripts/setup
OWUI_VENV="${OWUI_VENV:-$TOOLS/owui-venv}"
case "$OWUI_VENV" in /*) ;; *) OWUI_VENV="$ROOT/$OWUI_VENV" ;; esac
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.129
BINARYEN_VERSION=132
AXE_VERSION=4.14.1
WASM_SPLIT_VERSION=0.2.4
OWUI_VERSION="${OWUI_VERSION:-0.12.4}"
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
