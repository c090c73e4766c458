#!/bin/sh
# Fetch the WebGL renderer the viewer benchmark compares vis-network with — sigma.js and graphology,
# their UMD builds and licences, from the npm registry — into bench/vendor/. The files are
# committed; this script reproduces them (npm checks each package's integrity).
#   tools/vendor-sigma.sh            (needs npm; writes bench/vendor/)
set -eu
SIGMA=4.0.4
GRAPHOLOGY=0.26.0
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/bench/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"
npm pack --silent "sigma@$SIGMA" "graphology@$GRAPHOLOGY" >/dev/null
mkdir sigma graphology
tar xzf "sigma-$SIGMA.tgz" -C sigma
tar xzf "graphology-$GRAPHOLOGY.tgz" -C graphology
cp sigma/package/dist/sigma.min.js "$out/sigma.min.js"
cp sigma/package/LICENSE.txt "$out/sigma.LICENSE.txt"
cp graphology/package/dist/graphology.umd.min.js "$out/graphology.umd.min.js"
cp graphology/package/LICENSE.txt "$out/graphology.LICENSE.txt"
printf 'sigma %s\ngraphology %s\n' "$SIGMA" "$GRAPHOLOGY" > "$out/VERSIONS"
echo "wrote $out"
