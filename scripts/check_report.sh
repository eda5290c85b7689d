#!/usr/bin/env bash
# Checks a citegraph HTML report in headless Chromium: dumps the DOM and asserts that the
# argument map is there as inline SVG with nodes and edges, then takes a screenshot and asserts
# it is not blank. Without an argument it builds and checks the example report (which needs
# Graphviz) and also asserts that green (supports) and vermilion (critiques) lines show.
#
#   scripts/check_report.sh [REPORT.html] [OUTPUT_DIR]
#
# The screenshot is written to OUTPUT_DIR/report-screenshot.png (default: a new temporary
# directory) so it can be looked at. Needs Chromium (apt-get install chromium); set CHROMIUM
# to use another binary. The check itself is tests/render_browser.rs.
set -euo pipefail

report="${1:-}"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ -n "$report" ]; then
  if [ ! -f "$report" ]; then
    echo "check_report: no such file: $report" >&2
    exit 2
  fi
  report="$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
  export CITEGRAPH_CHECK_REPORT="$report"
fi
if ! command -v "${CHROMIUM:-chromium}" >/dev/null 2>&1; then
  echo "check_report: Chromium is not installed (apt-get install chromium)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
CITEGRAPH_RENDER_OUT="$out" cargo test --quiet --test render_browser -- --nocapture
echo "screenshot: $out/report-screenshot.png"
