# Shared settings for the project's scripts (sourced, not run). One place for pinned versions.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
# The Open WebUI lines the console supports and the tests run: the newest (the demo's, in
# .tools/owui-venv) and the older ones, each in .tools/owui-venv-<version> (scripts/setup
# installs them all). One line for a script: OWUI_VERSION=0.6.43 (its venv follows), or
# OWUI_VENV too for a venv elsewhere.
OWUI_LATEST=0.12.4
OWUI_LINES="0.12.4 0.11.4 0.6.43"
# The venv of a line.
owui_venv() {
  if [ "$1" = "$OWUI_LATEST" ]; then echo "$TOOLS/owui-venv"; else echo "$TOOLS/owui-venv-$1"; fi
}
OWUI_VERSION="${OWUI_VERSION:-$OWUI_LATEST}"
OWUI_VENV="${OWUI_VENV:-$(owui_venv "$OWUI_VERSION")}"
case "$OWUI_VENV" in /*) ;; *) OWUI_VENV="$ROOT/$OWUI_VENV" ;; esac
TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.129
BINARYEN_VERSION=132
AXE_VERSION=4.14.1
WASM_SPLIT_VERSION=0.2.4
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_OFFLINE=true
