#!/usr/bin/env bash
# Runs soxa.exe under Wine and compares what it does with the Linux build
# (see docs/WINDOWS.md). Exits non-zero on the first difference.
#
#   scripts/windows-smoke.sh            builds both binaries first (no-ops when up to date)
#   SOXA_EXE=... LINUX_SOXA=... scripts/windows-smoke.sh   uses those binaries
#
# Steps, each on both builds with the same seed and compared:
#   1. demo --households 2000        2. check        3. search "nguyen" (and stats)
#   4. report --period 2026-Q3 as xlsx and csv
#   5. import households of a UTF-16 file, then export households
#   6. Windows only: the interface holds the database (a second soxa.exe is
#      told it is open in another window), takes typed keys and a paste,
#      and saves.
# Database folders and file names carry Vietnamese letters and spaces.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=scripts/windows.sh
source scripts/windows.sh

WINE=/usr/lib/wine/wine64
WINESERVER=/usr/lib/wine/wineserver64
export WINEPREFIX="$root/target/windows/wine-prefix"
export WINEDEBUG=-all
# No Mono or Gecko: nothing here needs them, and Wine would ask to install them.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY SOXA_DB SOXA_LANG

steps=0
ok() {
  steps=$((steps + 1))
  echo "ok: $*"
}
die() {
  echo "windows-smoke: FAILED: $*" >&2
  exit 1
}

# --- tools and binaries ------------------------------------------------------
install_packages wine64 tmux
[ -x "$WINE" ] || die "$WINE is missing after installing wine64"

if [ -z "${SOXA_EXE:-}" ]; then
  scripts/windows.sh build
  SOXA_EXE="$root/$EXE"
fi
if [ -z "${LINUX_SOXA:-}" ]; then
  echo "== cargo build --bin soxa (Linux, to compare with)"
  cargo build --locked --bin soxa
  LINUX_SOXA="$root/target/debug/soxa"
fi

# A Wine prefix of our own, made once. Wine 8 has no bcryptprimitives.dll
# (ProcessPrng, which Rust's standard library calls): a test-only stand-in,
# built from scripts/wine/, goes into its system32. It is never shipped.
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  echo "== making the Wine prefix $WINEPREFIX"
  "$WINE" wineboot -i >/dev/null 2>&1 || true
  "$WINESERVER" -w
  [ -f "$WINEPREFIX/system.reg" ] || die "wineboot did not make a prefix in $WINEPREFIX"
fi
dll="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$dll" ] || [ scripts/wine/bcryptprimitives.c -nt "$dll" ] || [ scripts/wine/bcryptprimitives.def -nt "$dll" ]; then
  x86_64-w64-mingw32-gcc -O2 -shared -s -o "$dll" scripts/wine/bcryptprimitives.c scripts/wine/bcryptprimitives.def -ladvapi32
fi

# --- the two sides -------------------------------------------------------------
work=$(mktemp -d)
win_root='C:\soxa smoke\Nguyễn Văn A'
win_root_unix="$WINEPREFIX/drive_c/soxa smoke/Nguyễn Văn A"
lin_root="$work/Nguyễn Văn A"
tmux_socket="soxa-smoke-$$"
cleanup() {
  tmux -L "$tmux_socket" kill-server 2>/dev/null || true
  rm -rf "$work" "$WINEPREFIX/drive_c/soxa smoke"
}
trap cleanup EXIT
rm -rf "$WINEPREFIX/drive_c/soxa smoke"
mkdir -p "$win_root_unix" "$lin_root"

lin_db="$lin_root/sổ xã"
win_db="$win_root\\sổ xã"
lin() { "$LINUX_SOXA" --lang vi "$@"; }
win() { "$WINE" "$SOXA_EXE" --lang vi "$@"; }

# Runs one command on both sides (LIN_ARGS / WIN_ARGS differ only in paths),
# keeps stdout in $work/{lin,win}.out and fails unless both exit with $want.
both() {
  local want=$1 label=$2 rc
  shift 2
  rc=0
  lin "${LIN_ARGS[@]}" >"$work/lin.out" 2>"$work/lin.err" || rc=$?
  [ "$rc" -eq "$want" ] || die "$label (Linux) exited $rc: $(cat "$work/lin.out" "$work/lin.err")"
  rc=0
  win "${WIN_ARGS[@]}" >"$work/win.out" 2>"$work/win.err" || rc=$?
  [ "$rc" -eq "$want" ] || die "$label (Windows) exited $rc: $(cat "$work/win.out" "$work/win.err")"
}

# Compares the two outputs once each side's own paths and timings are
# taken out.
same_output() {
  local label=$1 side text
  for side in lin win; do
    text=$(<"$work/$side.out")
    text=${text//"$lin_root"/ROOT}
    text=${text//"$win_root"\\/ROOT/}
    text=${text//"$win_root"/ROOT}
    printf '%s\n' "$text" | sed -E 's/\([0-9]+[.,][0-9]+ giây\)/(TIME)/g' >"$work/$side.norm"
  done
  diff -u "$work/lin.norm" "$work/win.norm" >"$work/diff" || die "$label: Linux and Windows differ:
$(cat "$work/diff")"
}

# 1. The demo, built the same on both sides (the first line says where and
# how long it took; the counts below it must agree).
LIN_ARGS=(demo --households 2000 --seed 7 --no-open --db "$lin_db")
WIN_ARGS=(demo --households 2000 --seed 7 --no-open --db "$win_db")
both 0 "demo"
[ -f "$win_root_unix/sổ xã/soxa-format" ] || die "demo: no database in the Vietnamese-named folder"
sed -i 1d "$work/lin.out" "$work/win.out"
same_output "demo"
ok "demo --households 2000 in a folder named with Vietnamese letters and spaces: same counts"

# 2. check
LIN_ARGS=(check --db "$lin_db")
WIN_ARGS=(check --db "$win_db")
both 0 "check"
same_output "check"
ok "check is clean on both"

# 3. search and stats (the size on disk is the file system's, not soxa's)
for words in "nguyen" "tran thi" "t03-00"; do
  LIN_ARGS=(search $words --limit 50 --db "$lin_db")
  WIN_ARGS=(search $words --limit 50 --db "$win_db")
  both 0 "search $words"
  [ -s "$work/win.out" ] || die "search $words found nothing"
  same_output "search $words"
done
LIN_ARGS=(stats --db "$lin_db")
WIN_ARGS=(stats --db "$win_db")
both 0 "stats"
sed -i -E '/[0-9] (B|KiB|MiB|GiB)$/d' "$work/lin.out" "$work/win.out"
same_output "stats"
ok "search and stats: same output"

# 4. The quarter's report: csv byte for byte, xlsx sheet by sheet (its
# document properties hold the time it was written).
LIN_ARGS=(report --period 2026-Q3 --format csv -o "$lin_root/báo cáo 2026-Q3.csv" --db "$lin_db")
WIN_ARGS=(report --period 2026-Q3 --format csv -o "$win_root\\báo cáo 2026-Q3.csv" --db "$win_db")
both 0 "report csv"
cmp "$lin_root/báo cáo 2026-Q3.csv" "$win_root_unix/báo cáo 2026-Q3.csv" || die "report csv: the files differ"
LIN_ARGS=(report --period 2026-Q3 --format xlsx -o "$lin_root/báo cáo 2026-Q3.xlsx" --db "$lin_db")
WIN_ARGS=(report --period 2026-Q3 --format xlsx -o "$win_root\\báo cáo 2026-Q3.xlsx" --db "$win_db")
both 0 "report xlsx"
python3 - "$lin_root/báo cáo 2026-Q3.xlsx" "$win_root_unix/báo cáo 2026-Q3.xlsx" <<'PY' || die "report xlsx: the workbooks differ"
import sys, zipfile
a, b = (zipfile.ZipFile(p) for p in sys.argv[1:3])
names = sorted(n for n in a.namelist() if n != "docProps/core.xml")
assert names == sorted(n for n in b.namelist() if n != "docProps/core.xml"), "different parts"
assert any(n.startswith("xl/worksheets/") for n in names), "no sheet"
for n in names:
    assert a.read(n) == b.read(n), n
PY
ok "report --period 2026-Q3: same csv, same xlsx sheets"

# 5. Import households from a UTF-16 file (as Excel's "Unicode Text" and
# many Windows tools write): the demo's last 25 households, exported by the
# Linux build, turned into UTF-16LE with a byte-order mark and CRLF, read by
# both into a one-household demo, whose exports must then agree.
lin "export" households "$lin_root/hộ.csv" --db "$lin_db" >/dev/null || die "export households (Linux) failed"
python3 - "$lin_root/hộ.csv" "$lin_root/hộ utf16.csv" <<'PY'
import csv, io, sys
text = open(sys.argv[1], encoding="utf-8-sig", newline="").read()
dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
rows = list(csv.reader(io.StringIO(text, newline=""), dialect))
assert len(rows) > 26, f"the export has {len(rows)} rows"
out = io.StringIO(newline="")
csv.writer(out, delimiter=dialect.delimiter, lineterminator="\r\n").writerows([rows[0]] + rows[-25:])
open(sys.argv[2], "wb").write(b"\xff\xfe" + out.getvalue().encode("utf-16-le"))
PY
cp "$lin_root/hộ utf16.csv" "$win_root_unix/hộ utf16.csv"
LIN_ARGS=(demo --households 1 --seed 7 --no-open --db "$lin_root/nhập")
WIN_ARGS=(demo --households 1 --seed 7 --no-open --db "$win_root\\nhập")
both 0 "demo for the import"
for dry in --dry-run ""; do
  LIN_ARGS=(import households "$lin_root/hộ utf16.csv" --create-hamlets $dry --db "$lin_root/nhập")
  WIN_ARGS=(import households "$win_root\\hộ utf16.csv" --create-hamlets $dry --db "$win_root\\nhập")
  both 0 "import households $dry"
  same_output "import households $dry"
done
LIN_ARGS=(export households "$lin_root/sau.csv" --db "$lin_root/nhập")
WIN_ARGS=(export households "$win_root\\sau.csv" --db "$win_root\\nhập")
both 0 "export after the import"
cmp "$lin_root/sau.csv" "$win_root_unix/sau.csv" || die "export after the import: the files differ"
python3 - "$lin_root/sau.csv" "$lin_root/hộ utf16.csv" <<'PY' || die "the 25 imported households are not all in the export"
import csv, io, sys
def rows(path, encoding):
    text = open(path, encoding=encoding, newline="").read()
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    return list(csv.reader(io.StringIO(text, newline=""), dialect))
after = rows(sys.argv[1], "utf-8-sig")
imported = rows(sys.argv[2], "utf-16")[1:]
# The household code's column: named "Mã hộ" or "code", else the first.
header = [h.casefold() for h in after[0]]
col = next((i for i, h in enumerate(header) if "mã hộ" in h or "code" in h), 0)
codes = {r[col] for r in after[1:]}
missing = [r[col] for r in imported if r[col] not in codes]
assert not missing, f"missing after the import: {missing}"
PY
ok "import households of a UTF-16 file: same result, exported the same"

# 6. The interface under Wine, in a tmux pane: it holds the database, so a
# second soxa.exe is refused with the "open in another window" sentence;
# typed keys act once each (Windows also reports key releases); a pasted
# line with a line break and a tab goes into the name field without moving
# on or saving; Ctrl+S saves; q quits and frees the database.
install_packages tmux
printf '#!/bin/bash\n%q %q --lang vi --db %q\necho $? > %q\n' "$WINE" "$SOXA_EXE" "$win_db" "$work/tui.rc" >"$work/tui.sh"
tmux -L "$tmux_socket" new-session -d -s smoke -x 100 -y 30 "bash '$work/tui.sh'"
pane() { tmux -L "$tmux_socket" capture-pane -p -t smoke 2>/dev/null || true; }
wait_for() { # seconds, description, test command...
  local limit=$1 what=$2 i
  shift 2
  for ((i = 0; i < limit * 5; i++)); do
    "$@" && return 0
    [ -f "$work/tui.rc" ] && die "the interface ended early ($(cat "$work/tui.rc")) while waiting for $what"
    sleep 0.2
  done
  die "timed out waiting for $what; the screen was:
$(pane)"
}
wait_for 60 "the interface to start" sh -c "tmux -L '$tmux_socket' capture-pane -p -t smoke | grep -q 'Tra cứu'"
locked() {
  local rc=0
  win check --db "$win_db" >"$work/lock.out" 2>"$work/lock.err" || rc=$?
  [ "$rc" -eq 3 ]
}
wait_for 30 "a second soxa.exe to be refused" locked
grep -q "đang được mở ở một cửa sổ soxa khác" "$work/lock.err" || die "the second soxa.exe said: $(cat "$work/lock.err")"
# A second interface (a second double-click) says so too, and keeps its
# window open until Enter, so the sentence can be read.
printf '#!/bin/bash\n%q %q --lang vi --db %q\necho $? > %q\n' "$WINE" "$SOXA_EXE" "$win_db" "$work/second.rc" >"$work/second.sh"
tmux -L "$tmux_socket" new-window -d -t smoke -n second "bash '$work/second.sh'; sleep 30"
second_says() { tmux -L "$tmux_socket" capture-pane -p -t smoke:second | tr -d '\n' | grep -q "cửa sổ soxa khác.*Nhấn Enter để đóng cửa sổ này"; }
wait_for 30 "the second interface's sentence" second_says
sleep 1
[ ! -f "$work/second.rc" ] || die "the second interface closed its window before Enter"
tmux -L "$tmux_socket" send-keys -t smoke:second Enter
wait_for 30 "the second interface to close" test -f "$work/second.rc"
[ "$(cat "$work/second.rc")" = 3 ] || die "the second interface exited $(cat "$work/second.rc"), not 3"
key() {
  tmux -L "$tmux_socket" send-keys -t smoke "$@"
  sleep 0.5
}
key 2
key n
for c in t 0 1 - 9 0 0 1; do key -l "$c"; done
key Tab
key Tab
# Pasted: all at once, as a console delivers a paste.
key -l $'Trần Văn\rDán\t'
key C-s
key q
wait_for 30 "the interface to quit" test -f "$work/tui.rc"
[ "$(cat "$work/tui.rc")" = 0 ] || die "the interface exited $(cat "$work/tui.rc")"
win check --db "$win_db" >/dev/null || die "check after the interface quit failed (is the database still locked?)"
win search "t01-9001" --db "$win_db" >"$work/win.out" || die "search after the interface failed"
grep -q "T01-9001 Trần Văn Dán " "$work/win.out" || die "the household typed and pasted in the interface: $(cat "$work/win.out")"
ok "interface: a second soxa.exe and a second window refused (the window waits for Enter), keys act once, a paste neither moves nor saves, Ctrl+S saves"

"$WINESERVER" -w || true
echo "windows smoke: $steps steps passed ($(stat -c %s "$SOXA_EXE") bytes: $SOXA_EXE)"
