# Shared by deploy/chat and deploy/scripts/test.sh: packages, build, launcher. Needs $ROOT.

LOCAL_STACK="$ROOT/deploy/local-stack/target"
SERVICES=(gateway-service messaging-service presence-service logging-service)

say() { printf 'chat: %s\n' "$*"; }

# install_packages PKG...: apt-installs the Debian packages whose command is missing.
install_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    command -v "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  local sudo=""
  [[ "$(id -u)" -ne 0 ]] && sudo="sudo"
  say "installing missing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# stale ARTIFACT PATH...: true when ARTIFACT is missing or older than any file under PATHs.
stale() {
  local artifact="$1"
  shift
  [[ -e "$artifact" ]] || return 0
  [[ -n "$(find "$@" -newer "$artifact" -type f -print -quit 2>/dev/null)" ]]
}

# build_stack: mvn package (no tests) of the modules whose sources changed, and the frontend.
# CHAT_BUILD=never skips, CHAT_BUILD=always rebuilds everything.
build_stack() {
  [[ "${CHAT_BUILD:-auto}" == never ]] && return 0
  local modules=() module jar
  local shared=("$ROOT/pom.xml" "$ROOT/common-events/src" "$ROOT/common-events/pom.xml")
  for module in "${SERVICES[@]}"; do
    jar="$(ls "$ROOT/$module"/target/"$module"-*.jar 2>/dev/null | grep -v -- -plain.jar | head -n1 || true)"
    if [[ "${CHAT_BUILD:-auto}" == always || -z "$jar" ]] \
      || stale "$jar" "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" "${shared[@]}"; then
      modules+=("$module")
    fi
  done
  stale "$ROOT/deploy/kafka-runtime/target/libs" "$ROOT/deploy/kafka-runtime/pom.xml" \
    && modules+=(deploy/kafka-runtime)
  [[ -n "$(ls "$ROOT"/deploy/elasticsearch-runtime/target/elasticsearch-*.zip 2>/dev/null)" ]] \
    || modules+=(deploy/elasticsearch-runtime)
  stale "$LOCAL_STACK/libs" "$ROOT/deploy/local-stack/src/main" "$ROOT/deploy/local-stack/pom.xml" \
    && modules+=(deploy/local-stack)
  if [[ ${#modules[@]} -gt 0 ]]; then
    say "building ${modules[*]} (mvn package, no tests)"
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package -pl "$(IFS=,; echo "${modules[*]}")" -am)
    touch "$LOCAL_STACK/libs" "$ROOT/deploy/kafka-runtime/target/libs" 2>/dev/null || true
  fi
  build_frontend
}

# build_frontend: npm ci when the lock file changed, npm run build when the sources changed.
build_frontend() {
  local fe="$ROOT/frontend"
  [[ -f "$fe/package.json" ]] || return 0
  if [[ ! -d "$fe/node_modules" ]] || [[ "$fe/package-lock.json" -nt "$fe/node_modules/.package-lock.json" ]]; then
    say "installing frontend dependencies (npm ci)"
    (cd "$fe" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [[ "${CHAT_BUILD:-auto}" == always ]] \
    || stale "$fe/dist/index.html" "$fe/src" "$fe/index.html" "$fe/package.json" "$fe"/vite.config.*; then
    say "building the frontend (npm run build)"
    (cd "$fe" && npm run build --silent >/dev/null)
  fi
}

# stage_launcher DIR: copies the launcher's jars to DIR, replacing changed files by rename, so that
# a `mvn package` of deploy/local-stack while the stack runs cannot pull jars from under it.
stage_launcher() {
  local dir="$1" src dst
  mkdir -p "$dir/libs"
  for src in "$LOCAL_STACK"/local-stack-*.jar "$LOCAL_STACK"/libs/*.jar; do
    dst="$dir/${src#"$LOCAL_STACK"/}"
    if ! cmp -s "$src" "$dst"; then
      cp "$src" "$dst.partial" && mv -f "$dst.partial" "$dst"
    fi
  done
}

# launcher ARGS...: runs chat.stack.launcher.Main (building local-stack first if needed).
launcher() {
  if [[ ! -d "$LOCAL_STACK/libs" ]]; then
    say "building deploy/local-stack"
    (cd "$ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package -pl deploy/local-stack -am)
  fi
  local classes="$LOCAL_STACK"
  if [[ "${1:-}" == up ]]; then
    classes="${CHAT_DATA_DIR:-$ROOT/.data}/run/launcher"
    stage_launcher "$classes"
  fi
  local jar
  jar="$(ls "$classes"/local-stack-*.jar | head -n1)"
  CHAT_PROJECT_ROOT="$ROOT" exec java -Xmx128m -XX:+UseSerialGC \
    -cp "$jar:$classes/libs/*" chat.stack.launcher.Main "$@"
}
