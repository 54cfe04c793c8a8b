#!/usr/bin/env bash
# The project on Node 22 (supabase-js 2.119 asks for it; these machines have Node 20): unit tests,
# the build, and a smoke of the built server as `npm start` runs it. Node 22 comes from the `node`
# package on npm, pinned, through npx (its cache makes later runs fast).
set -euo pipefail
cd "$(dirname "$0")/.."
node22="$(npx -y node@22.23.3 -p process.execPath)"
export PATH="$(dirname "$node22"):$PATH"
echo "node $(node --version) at $node22"

node node_modules/vitest/vitest.mjs run --project unit
node node_modules/vite/bin/vite.js build --logLevel warn

read -r app_port supabase_port < <(node -e "
const net = require('net'); const ports = [];
const grab = () => { const s = net.createServer().listen(0, '127.0.0.1', () => {
  ports.push(s.address().port); s.close(() => ports.length < 2 ? grab() : console.log(ports.join(' '))); }); };
grab();")
log="$(mktemp)"
data="$(mktemp -d)"
PORT=$app_port LOCAL_SUPABASE_PORT=$supabase_port LOCAL_SUPABASE_DATA_DIR="$data" \
	node scripts/with-local-supabase.js node scripts/serve-local.js >"$log" 2>&1 &
server=$!
stop() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$data" "$log"; }
trap stop EXIT
for _ in $(seq 1 120); do grep -q 'Stop:' "$log" && break; sleep 1; done
base="http://127.0.0.1:$app_port"

fail() { echo "node22 smoke: $1"; cat "$log"; exit 1; }
# Read the whole page first: `curl | grep -q` under pipefail fails whenever grep stops reading
# before curl has written a page larger than the pipe (curl: (23) Failed writing body).
home=$(curl -fsS "$base/") || fail 'the home page did not answer'
grep -q '<html lang="vi"' <<<"$home" || fail 'the home page is not served in Vietnamese'
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "origin: $base" \
	--data-urlencode 'phone=0901234567' "$base/sign-in?/sendPhoneCode")
[ "$code" = 200 ] || fail "a phone sign-in answered $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'origin: http://evil.example' \
	--data-urlencode 'phone=0901234567' "$base/sign-in?/sendPhoneCode")
[ "$code" = 403 ] || fail "a cross-site post answered $code"
grep -q 'Node.js 20 and below' "$log" && fail 'the Node 20 deprecation line was printed on Node 22?'
echo "node22 smoke: home page, sign-in post and cross-site refusal OK on $(node --version)"
