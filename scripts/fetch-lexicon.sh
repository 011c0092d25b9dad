#!/usr/bin/env bash
# Fetches the two VADER data files (word lexicon and emoji descriptions) that the sentiment
# scorer loads at run time. They come from the vaderSentiment 3.3.2 wheel on PyPI, are checked
# against pinned SHA-256 sums and are never committed.
#
# Usage: scripts/fetch-lexicon.sh [DEST]   (default: vendor/vader under the repository root)
# Running it again when both files are present and intact does nothing.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$repo_root/vendor/vader}"

wheel_name="vaderSentiment-3.3.2-py2.py3-none-any.whl"
wheel_sha256="3bf1d243b98b1afad575b9f22bc2cb1e212b94ff89ca74f8a23a588d024ea311"
lexicon_name="vader_lexicon.txt"
lexicon_sha256="1ec9c6e9ee19aade328f8beb393a6afa71a5bb3acf7d3cc22d4ef568df374bf5"
emoji_name="emoji_utf8_lexicon.txt"
emoji_sha256="b8d54223ae1ce22a3e12c1f745316b71678c328eb5f5d3063a842f37cfbe2823"

fail() {
    echo "fetch-lexicon: $*" >&2
    exit 1
}

command -v python3 >/dev/null 2>&1 || fail "python3 is needed to download and unpack the lexicon"
python3 -m pip --version >/dev/null 2>&1 || fail "python3 has no pip module (apt: python3-pip)"

# Prints the SHA-256 of a file, or nothing when the file does not exist.
sha256_of() {
    [[ -f "$1" ]] || return 0
    python3 -c 'import hashlib, sys
print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"
}

# Stops unless the file at $1 has the SHA-256 $2.
check_sha256() {
    local actual
    actual="$(sha256_of "$1")"
    [[ "$actual" == "$2" ]] || fail "$1 has SHA-256 ${actual:-<missing>}, expected $2; not using it"
}

if [[ "$(sha256_of "$dest/$lexicon_name")" == "$lexicon_sha256" &&
      "$(sha256_of "$dest/$emoji_name")" == "$emoji_sha256" ]]; then
    echo "fetch-lexicon: $dest already holds both files"
    exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "fetch-lexicon: downloading vadersentiment 3.3.2 from PyPI"
python3 -m pip download vadersentiment==3.3.2 --no-deps --only-binary=:all: \
    --disable-pip-version-check --quiet -d "$work" ||
    fail "pip could not download vadersentiment==3.3.2; check the network and try again"
check_sha256 "$work/$wheel_name" "$wheel_sha256"

python3 -m zipfile -e "$work/$wheel_name" "$work/unpacked" ||
    fail "could not unpack $wheel_name"
for name in "$lexicon_name" "$emoji_name"; do
    [[ -f "$work/unpacked/vaderSentiment/$name" ]] ||
        fail "$wheel_name holds no vaderSentiment/$name"
done
check_sha256 "$work/unpacked/vaderSentiment/$lexicon_name" "$lexicon_sha256"
check_sha256 "$work/unpacked/vaderSentiment/$emoji_name" "$emoji_sha256"

# Copy under temporary names first so that an interrupted run never leaves a half-written file.
mkdir -p "$dest"
for name in "$lexicon_name" "$emoji_name"; do
    cp "$work/unpacked/vaderSentiment/$name" "$dest/.$name.partial"
    mv -f "$dest/.$name.partial" "$dest/$name"
done
echo "fetch-lexicon: wrote $dest/$lexicon_name and $dest/$emoji_name"
