#!/usr/bin/env bash
# Checks that every examples/*/flake.lock locks the same nixpkgs as
# examples/nixpkgs.nix: same rev, and narHash equal to the fetchTarball sha256.
# Needs only python3; run it after changing any pin.
set -euo pipefail

cd "$(dirname -- "$0")"

python3 - ./nixpkgs.nix ./*/flake.lock <<'PY'
import base64, json, re, sys

def nix32(digest: bytes) -> str:
    # Nix's base32: its own alphabet, least significant bits first.
    alphabet = "0123456789abcdfghijklmnpqrsvwxyz"
    n = (len(digest) * 8 - 1) // 5 + 1
    out = []
    for i in range(n - 1, -1, -1):
        b = i * 5
        j, k = divmod(b, 8)
        c = digest[j] >> k
        if j + 1 < len(digest):
            c |= digest[j + 1] << (8 - k)
        out.append(alphabet[c & 0x1F])
    return "".join(out)

pin_file, locks = sys.argv[1], sys.argv[2:]
text = open(pin_file).read()
rev = re.search(r'rev = "([0-9a-f]{40})";', text).group(1)
sha256 = re.search(r'sha256 = "([0-9a-z]{52})";', text).group(1)

failed = False
for path in locks:
    node = json.load(open(path))["nodes"]["nixpkgs"]["locked"]
    got = nix32(base64.b64decode(node["narHash"].removeprefix("sha256-")))
    if node.get("rev") != rev or got != sha256:
        print(f"{path}: rev {node.get('rev')} / sha256 {got}, "
              f"but {pin_file} has rev {rev} / sha256 {sha256}", file=sys.stderr)
        failed = True
    else:
        print(f"{path}: ok ({rev})")
sys.exit(1 if failed else 0)
PY
