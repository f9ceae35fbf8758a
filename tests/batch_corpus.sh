# Sourced by convert_test.sh and filter_test.sh: builds a batch in $WORK/in
# from the seed document, and small check helpers.
#
#   in/a/doc01.txt … in/a/b/…, in/c/…  40 copies of the seed, titles varied
#   in/c/bad-utf8.txt                  a copy with an invalid UTF-8 byte on line 1074
#   in/empty.txt                       empty
#   in/notes.md                        a good document the default --glob '*.txt' skips
#   extra/named.dat                    a good document named explicitly on the command line

failures=0
ok() { echo "ok: $*"; }
fail() {
  echo "FAILED: $*"
  failures=$((failures + 1))
}
# check "description" command...
check() {
  local what=$1
  shift
  if "$@"; then ok "$what"; else fail "$what"; fi
}
contains() { grep -qF -- "$2" "$1"; }
finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "all checks passed"
}

make_batch() {
  local seed=$1 i dir
  rm -rf "$WORK"
  mkdir -p "$WORK/in/a/b" "$WORK/in/c" "$WORK/extra"
  for i in $(seq -w 1 40); do
    if [ "$i" -le 15 ]; then dir=a; elif [ "$i" -le 30 ]; then dir=a/b; else dir=c; fi
    # Line 2 is the title: vary it so every document is distinct.
    sed "2s/^楚雄州/楚雄州第${i}批/" "$seed" >"$WORK/in/$dir/doc$i.txt"
  done
  cp "$seed" "$WORK/in/notes.md"
  cp "$seed" "$WORK/extra/named.dat"
  : >"$WORK/in/empty.txt"
  { cat "$seed"; printf 'x\377y\n'; } >"$WORK/in/c/bad-utf8.txt"
}

# A file's bytes as a JSON string (quotes included); UTF-8 text without control
# characters other than tab, CR and LF.
json_string() {
  local f=$1
  printf '"'
  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/\\t/g' -e 's/\r/\\r/g' "$f" | awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }'
  # awk cannot tell whether the last line ended in a newline; tail can.
  if [ -s "$f" ] && [ -z "$(tail -c 1 "$f")" ]; then printf '\\n'; fi
  printf '"'
}
