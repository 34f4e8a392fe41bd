#!/usr/bin/env bash
# `npm run check:fresh`: the README's commands on a machine that has never seen this project.
#
# Clones the committed HEAD into a temp folder and runs, with a temp HOME (so an empty npm cache, no ~/.npmrc and
# an empty ~/.cache, where the n8n runtimes go) and an environment with no npm settings:
#   npm ci, npm run lint, npm run lint:n8n-node, npm run setup, npm start (until it is ready and answers the
#   example webhook), npm test
# and prints how long each took. About 30-40 minutes on 2 cores (n8n 1.x and 2.x install from scratch) and
# about 7 GB in the temp folder, deleted at the end unless --keep or a step failed.
#
#   --bare       also drop PATH entries inside the real HOME (e.g. pyenv's python3, ~/.cargo/bin), so only
#                system-wide tools are used: nothing at all comes from the real HOME
#   --keep       keep the temp folder (clone, HOME with caches, logs)
#   --dir <d>    work in <d> (default: a new folder under ${TMPDIR:-/tmp})
#
# Uncommitted changes are not part of the check (it clones HEAD). System packages (node, npm, git, make, g++,
# python3, chromium) are used as installed: .ci/run installs chromium if it is missing, this script does not.
set -euo pipefail

bare=0
keep=0
work=""
while [ $# -gt 0 ]; do
	case "$1" in
	--bare) bare=1 ;;
	--keep) keep=1 ;;
	--dir) work="$2"; shift ;;
	-h | --help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
	esac
	shift
done

repo="$(cd "$(dirname "$0")/.." && pwd)"
commit="$(git -C "$repo" rev-parse HEAD)"
if [ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ]; then
	echo "== note: uncommitted changes in $repo are not checked (the check clones $commit)"
fi
[ -n "$work" ] || work="$(mktemp -d "${TMPDIR:-/tmp}/openim-fresh-XXXXXX")"
mkdir -p "$work/home"
src="$work/n8n-nodes-openim"
log="$work/check-fresh.log"

# A new user's shell: HOME and nothing from npm (no npm_config_* of a calling `npm run`, no cache, no npmrc).
path="$PATH"
if [ "$bare" = 1 ]; then
	path="$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -e "^$HOME\$" -e "^$HOME/" | paste -sd: -)"
fi
clean_env=(env -i HOME="$work/home" PATH="$path" LANG="${LANG:-C.UTF-8}" TERM="${TERM:-dumb}" TMPDIR="${TMPDIR:-/tmp}")
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
	if [ -n "${!v:-}" ]; then clean_env+=("$v=${!v}"); fi
done

start=$SECONDS
phase_start=$SECONDS
results=()
phase() {
	local took=$((SECONDS - phase_start))
	results+=("$(printf '%-34s %4d s' "$1" "$took")")
	echo "== $1: $took s" | tee -a "$log"
	phase_start=$SECONDS
}
fail() {
	echo "== FAILED: $1 (after $((SECONDS - start)) s); everything is in $work (log: $log)" | tee -a "$log"
	exit 1
}
# Runs a README command in the clone, with the clean environment, output to the terminal and the log.
step() {
	echo "== \$ $*" | tee -a "$log"
	(cd "$src" && "${clean_env[@]}" "$@") 2>&1 | tee -a "$log"
	return "${PIPESTATUS[0]}"
}

echo "== fresh check of $commit in $work ($([ "$bare" = 1 ] && echo 'bare: PATH without the real HOME' || echo 'PATH as is'))" | tee "$log"
echo "== $("${clean_env[@]}" node --version), npm $("${clean_env[@]}" npm --version), python3 $("${clean_env[@]}" sh -c "command -v python3" || true), $(nproc) cores, HOME=$work/home" | tee -a "$log"

git clone --quiet --no-checkout "$(git -C "$repo" rev-parse --path-format=absolute --git-common-dir)" "$src"
git -C "$src" checkout --quiet --detach "$commit"
phase "clone"

step npm ci || fail "npm ci"
phase "npm ci"
step npm run lint || fail "npm run lint"
step npm run lint:n8n-node || fail "npm run lint:n8n-node"
phase "npm run lint, lint:n8n-node"
step npm run setup || fail "npm run setup"
phase "npm run setup"

# npm start on free ports (other n8n instances may hold 5678/10000), until it says it is ready; then the example
# webhook must answer {"ok": true}, which needs n8n's database (sqlite3) and this node working.
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
n8n_port="$(free_port)"
emu_port="$(free_port)"
start_log="$work/npm-start.log"
echo "== \$ npm start -- --port $n8n_port --emulator-port $emu_port" | tee -a "$log"
(cd "$src" && exec setsid "${clean_env[@]}" npm start -- --port "$n8n_port" --emulator-port "$emu_port") >"$start_log" 2>&1 &
start_pid=$!
# Ctrl-C as a user would (npm start stops n8n and the emulator), then whatever is left of its process group.
stop_start() {
	kill -INT -- "-$start_pid" 2>/dev/null || true
	for _ in $(seq 1 30); do pgrep -g "$start_pid" >/dev/null || break; sleep 1; done
	kill -TERM -- "-$start_pid" 2>/dev/null || true
	wait "$start_pid" 2>/dev/null || true
}
ready=0
for _ in $(seq 1 300); do
	if grep -q "with n8n-nodes-openim is ready" "$start_log"; then ready=1; break; fi
	if ! kill -0 "$start_pid" 2>/dev/null; then break; fi
	sleep 2
done
answer=""
if [ "$ready" = 1 ]; then
	answer="$(curl -s -m 60 -X POST "http://127.0.0.1:$n8n_port/webhook/openim-message" -H 'content-type: application/json' \
		-d '{"text":"fresh check","userID":"alice"}' || true)"
fi
stop_start
cat "$start_log" >>"$log"
echo "== webhook answer: $answer" | tee -a "$log"
[ "$ready" = 1 ] || { tail -40 "$start_log"; fail "npm start did not get ready"; }
case "$answer" in *'"ok":true'*) ;; *) fail "npm start: the example webhook did not answer ok" ;; esac
phase "npm start (ready + webhook)"

step npm test || fail "npm test"
phase "npm test"

size="$(du -sh "$work/home/.cache/n8n-nodes-openim" 2>/dev/null | cut -f1)"
{
	echo "== fresh check passed in $((SECONDS - start)) s ($commit)"
	printf '   %s\n' "${results[@]}"
	echo "   n8n runtimes in ~/.cache/n8n-nodes-openim: $size; npm cache: $(du -sh "$work/home/.npm" 2>/dev/null | cut -f1)"
} | tee -a "$log"
if [ "$keep" = 1 ]; then
	echo "== kept $work"
else
	cp "$log" "${TMPDIR:-/tmp}/openim-fresh-last.log"
	rm -rf "$work"
	echo "== removed $work (log kept as ${TMPDIR:-/tmp}/openim-fresh-last.log)"
fi
