#!/usr/bin/env bash
# Regenerates the README's pictures from today's output, so they cannot drift from the code:
#   docs/index.png        the department page (index.html) of `luoshi batch corpus`
#   docs/unit.png         one unit page (海拉尔区人民政府 2018)
#   docs/unit-print.png   the first page of that unit page printed to PDF (the print styles)
# Needs headless Chromium with a CJK font (Debian: chromium, fonts-noto-cjk) and pdftoppm (poppler-utils);
# where one is missing it says which and changes nothing. LUOSHI=path/to/luoshi picks a built binary
# (default: `cargo run --release --`).
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v chromium >/dev/null 2>&1 || missing+=("chromium")
command -v pdftoppm >/dev/null 2>&1 || missing+=("pdftoppm (poppler-utils)")
if command -v fc-list >/dev/null 2>&1 && ! fc-list :lang=zh | grep -q .; then
  missing+=("a Chinese font (fonts-noto-cjk)")
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "screenshots skipped: missing ${missing[*]}; docs/*.png left as they are" >&2
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${LUOSHI:-}" ]; then
  "$LUOSHI" batch corpus --out "$work/out" --index "$work/idx" --quiet
else
  cargo run --release --quiet -- batch corpus --out "$work/out" --index "$work/idx" --quiet
fi
unit="$work/out/units/海拉尔区人民政府-2018.html"
# Root in a container needs --no-sandbox; the profile goes to the temporary folder.
shoot() {
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$work/profile" \
    --force-device-scale-factor=1 "$@" 2>/dev/null
}
shoot --window-size=1280,1500 --screenshot="$PWD/docs/index.png" "file://$work/out/index.html"
shoot --window-size=1280,1500 --screenshot="$PWD/docs/unit.png" "file://$unit"
shoot --no-pdf-header-footer --print-to-pdf="$work/unit.pdf" "file://$unit"
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/unit.pdf" "$PWD/docs/unit-print"
echo "wrote docs/index.png, docs/unit.png, docs/unit-print.png"
