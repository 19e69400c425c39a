#!/usr/bin/env bash
# Checks `breakfix serve` against a real OpenAI client other than our own tests' openai package: promptfoo
# 0.121's chat and completion providers evaluate the shipped base model through it. Pass = no provider
# errors (the assertions are about the replies of a 1.5M-parameter model and are printed, not required).
#   bash scripts/check-serve-promptfoo.sh          (installs promptfoo into /tmp/promptfoo-bench once)
set -euo pipefail
cd "$(dirname "$0")/.."
PF="${PROMPTFOO_DIR:-/tmp/promptfoo-bench}"
[ -x "$PF/node_modules/.bin/promptfoo" ] || npm install --prefix "$PF" --no-audit --no-fund promptfoo@0.121 >/dev/null
work="$(mktemp -d)"
port="${PORT:-8766}"
# One process (not npx → tsx → node), so the trap stops the server itself.
node --import tsx src/cli/main.ts serve engine:base --port "$port" --log >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/v1/models" >/dev/null && break; sleep 0.5; done
cat >"$work/promptfooconfig.yaml" <<YAML
providers:
  - id: openai:chat:engine:base
    config: { apiBaseUrl: "http://127.0.0.1:$port/v1", apiKey: unused, max_tokens: 64, temperature: 0 }
  - id: openai:completion:engine:base
    config: { apiBaseUrl: "http://127.0.0.1:$port/v1", apiKey: unused, max_tokens: 16 }
prompts: ["{{q}}"]
tests:
  - vars: { q: "How do I boil an egg?" }
    assert: [{ type: icontains, value: egg }]
  - vars: { q: "What is 2 plus 3?" }
    assert: [{ type: contains, value: "5" }]
YAML
(cd "$work" && PROMPTFOO_DISABLE_TELEMETRY=1 PROMPTFOO_DISABLE_UPDATE=1 HOME="$work" \
  "$PF/node_modules/.bin/promptfoo" eval -c promptfooconfig.yaml --no-cache --no-progress-bar -o out.json >/dev/null 2>&1 || true)
node -e '
const r = require(process.argv[1]).results;
const rows = r.results;
for (const x of rows) console.log(`${x.provider.id}  ${JSON.stringify(x.vars.q)} -> ${JSON.stringify(x.response?.output ?? x.error)}`);
console.log(`promptfoo: ${rows.length} results, ${r.stats.successes} passed assertions, ${r.stats.errors} provider errors`);
process.exit(r.stats.errors === 0 && rows.length === 4 ? 0 : 1);
' "$work/out.json"
echo "server log:"; cat "$work/serve.log"
