#!/usr/bin/env bash
# Fuzz one parser with libFuzzer and AddressSanitizer: scripts/fuzz.sh [TARGET] [SECONDS]
#
# TARGET is email, calendar, contact, rows or mbox (default email); SECONDS the run time
# (default 60). Each module the harness needs is compiled with the same sanitizers, then the
# harness in Tests/Fuzz is linked against them. Work files live in .fuzz/TARGET: the build,
# the growing corpus, and any crash, timeout or leak input libFuzzer writes (named in its
# output). Seeds are the project's own sample files and, when it exists, ../shared/corpus,
# read in place.
set -euo pipefail

cd "$(dirname "$0")/.."
target="${1:-email}"
seconds="${2:-60}"

case "$target" in
  email)    harness=EmailFuzz.swift;    modules="InflowCore InflowDigest InflowParse"; seeds="eml mbox bugs" ;;
  calendar) harness=CalendarFuzz.swift; modules="InflowCore InflowDigest InflowParse"; seeds="ics bugs" ;;
  contact)  harness=ContactFuzz.swift;  modules="InflowCore InflowDigest InflowParse"; seeds="vcf bugs" ;;
  rows)     harness=RowsFuzz.swift;     modules="InflowCore InflowDigest InflowParse"; seeds="csv json bugs" ;;
  mbox)     harness=MboxFuzz.swift;     modules="InflowCore InflowDigest InflowExtract"; seeds="mbox bugs" ;;
  *) echo "fuzz: unknown target '$target' (email, calendar, contact, rows, mbox)" >&2; exit 2 ;;
esac

work=".fuzz/$target"
build="$work/build"
mkdir -p "$build" "$work/corpus" "$work/artifacts"

# The same language mode and upcoming features as Package.swift.
flags=(-swift-version 6 -parse-as-library -sanitize=fuzzer,address -O -g
       -enable-upcoming-feature MemberImportVisibility -enable-upcoming-feature ExistentialAny
       -enable-upcoming-feature InternalImportsByDefault
       -I "$build" -I Sources/CCrypto -I Sources/CArchive)

links=()
for module in $modules; do
  echo "fuzz: compiling $module" >&2
  swiftc "${flags[@]}" -enable-testing -module-name "$module" -emit-library -static \
    -emit-module -emit-module-path "$build/$module.swiftmodule" \
    -o "$build/lib$module.a" $(find "Sources/$module" -name '*.swift' | sort)
  links=("-l$module" "${links[@]}")
done

echo "fuzz: linking $harness" >&2
swiftc "${flags[@]}" -module-name "fuzz_$target" -L "$build" "${links[@]}" -lcrypto -larchive -lswiftGlibc -use-ld=lld \
  -o "$build/fuzz-$target" "Tests/Fuzz/$harness"

# Seed files are listed, not copied: libFuzzer reads them where they are.
seedlist="$work/seeds.txt"
{
  find data/samples -type f \( -name '*.mbox' -o -name '*.eml' \) 2>/dev/null
  for folder in $seeds; do
    [ -d ../shared/corpus/"$folder" ] && find ../shared/corpus/"$folder" -type f -size -1M
  done
} | paste -sd, > "$seedlist"

seed_option=()
[ -s "$seedlist" ] && seed_option=("-seed_inputs=$(cat "$seedlist")")

echo "fuzz: running $target for ${seconds}s" >&2
exec "$build/fuzz-$target" "$work/corpus" "${seed_option[@]}" \
  -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 -timeout=10 \
  -artifact_prefix="$work/artifacts/" -print_final_stats=1
