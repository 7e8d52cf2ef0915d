#!/usr/bin/env bash
# Makes the office fixtures with a real office suite: LibreOffice turns every HTML form in
# tests/fixtures/forms/ into .xlsx, .xls and .docx, and formats.fods (number formats, formulas,
# dates, two sheets) into .xlsx and .xls. Usage: bash scripts/office-fixtures.sh [OUT_DIR]
# (default target/office-fixtures). scripts/setup.sh installs LibreOffice.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/office-fixtures}"
mkdir -p "$out"
# a fresh profile: nothing from another run (or a running LibreOffice) changes the output
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
lo() { soffice "-env:UserInstallation=file://$profile" --headless "$@" >/dev/null 2>&1; }
html=(tests/fixtures/forms/*.html)
lo --infilter="HTML (StarCalc)" --convert-to xlsx --outdir "$out" "${html[@]}"
lo --infilter="HTML (StarCalc)" --convert-to 'xls:MS Excel 97' --outdir "$out" "${html[@]}"
lo --convert-to 'docx:MS Word 2007 XML' --outdir "$out" "${html[@]}"
lo --convert-to xlsx --outdir "$out" tests/fixtures/forms/formats.fods
lo --convert-to 'xls:MS Excel 97' --outdir "$out" tests/fixtures/forms/formats.fods
n=$(find "$out" -maxdepth 1 -type f \( -name '*.xlsx' -o -name '*.xls' -o -name '*.docx' \) | wc -l)
expected=$(( ${#html[@]} * 3 + 2 ))
if [ "$n" -lt "$expected" ]; then
    echo "office-fixtures: only $n of $expected files were made in $out" >&2
    exit 1
fi
echo "office-fixtures: $n files in $out"
