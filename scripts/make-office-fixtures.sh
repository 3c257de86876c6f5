#!/bin/sh
# Makes the reader fixtures in test/fixtures/io from two xlsx originals, with real tools where there are some:
#   book.xlsx    (copy of test/fixtures/node/book.xlsx: merged title, date, formulas, #DIV/0!, hidden sheet)
#   return.xlsx  (copy of examples/2026-10/阳光社区.xlsx: a sheet-form return)
#   *.xls, *.ods LibreOffice: soffice --headless --convert-to xls|ods (Debian libreoffice-calc-nogui)
#   *.et         WPS Office is not available here. WPS's .et is a BIFF8 compound file like .xls (WPS opens
#                and writes both the same way), so the .et fixtures are the LibreOffice .xls saved under .et:
#                they test that .et is routed to the BIFF reader, not WPS-specific records.
#   x-prefix.xlsx  book.xlsx rewritten with x:-prefixed SpreadsheetML elements, as the .NET OpenXML SDK writes
#                (scripts/office-fixtures/x-prefix.mjs; no .NET here)
#   encrypted.xlsx book.xlsx with the password "secret", by the npm package officecrypto-tool (ECMA-376 agile
#                encryption: an OLE file holding EncryptionInfo + EncryptedPackage, as Excel writes it), then
#                opened with the password in LibreOffice (scripts/office-fixtures/open-with-password.py) to
#                prove it is a real encrypted workbook. LibreOffice 7.4 cannot write an encrypted xlsx itself.
# Tests never run LibreOffice; the generated files are committed.
set -eu
cd "$(dirname "$0")/.."
OUT=test/fixtures/io
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
cp test/fixtures/node/book.xlsx "$OUT/book.xlsx"
cp examples/2026-10/阳光社区.xlsx "$OUT/return.xlsx"

export HOME="$TMP/home" # a throw-away LibreOffice profile
for f in book return; do
  soffice --headless --norestore --convert-to xls --outdir "$TMP" "$OUT/$f.xlsx" >/dev/null
  soffice --headless --norestore --convert-to ods --outdir "$TMP" "$OUT/$f.xlsx" >/dev/null
  cp "$TMP/$f.xls" "$OUT/$f.xls"
  cp "$TMP/$f.ods" "$OUT/$f.ods"
  cp "$TMP/$f.xls" "$OUT/$f.et"
done

node scripts/office-fixtures/x-prefix.mjs "$OUT/book.xlsx" "$OUT/x-prefix.xlsx"

(cd "$TMP" && npm install --silent --no-audit --no-fund --no-save officecrypto-tool@0.0.19 >/dev/null)
NODE_PATH="$TMP/node_modules" node -e '
const fs = require("fs");
const oc = require("officecrypto-tool");
fs.writeFileSync(process.argv[2], oc.encrypt(fs.readFileSync(process.argv[1]), { password: "secret" }));
' "$OUT/book.xlsx" "$OUT/encrypted.xlsx"
/usr/bin/python3 scripts/office-fixtures/open-with-password.py "$OUT/encrypted.xlsx" "$TMP/decrypted.xlsx" secret 2>/dev/null
test -s "$TMP/decrypted.xlsx" && echo "encrypted.xlsx opens in LibreOffice with its password"
ls -l "$OUT"
