#!/usr/bin/env bash
# Runs the whole order ledger on this machine: a real Kafka broker (KRaft, its own process), the provider
# simulator with two demo partners, the poller, the ledger and the query API on http://127.0.0.1:8080.
#
#   ./run-local.sh [--bootstrap-servers HOST:PORT] [--port 8080] [--data-dir ./.local] [--reset]
#
# Needs Java 17+ and Maven; builds what is missing. Ctrl-C stops everything; running it again resumes.
set -euo pipefail
cd "$(dirname "$0")"

data_dir=".local"
reset=false
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --bootstrap-servers|--port) args+=("$1" "$2"); shift 2 ;;
    --data-dir) data_dir="$2"; shift 2 ;;
    --reset) reset=true; shift ;;
    -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v java >/dev/null || { echo "Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 1; }
command -v mvn >/dev/null || { echo "Maven is needed (apt-get install maven)" >&2; exit 1; }

if [[ "$reset" == true && -d "$data_dir" ]]; then
  read -r -p "Delete $data_dir (the local broker's topics, the services' state and logs)? [y/N] " answer
  [[ "$answer" == [yY]* ]] && rm -rf "$data_dir" && echo "Deleted $data_dir."
fi

jars=(provider-poller/target/provider-poller-0.1.0-SNAPSHOT-exec.jar ledger-service/target/ledger-service-0.1.0-SNAPSHOT-exec.jar
      query-service/target/query-service-0.1.0-SNAPSHOT-exec.jar local-stack/target/kafka-broker.classpath)
stamp=local-stack/target/run-local.built   # touched after each build this script makes
missing=false
for jar in "${jars[@]}" "$stamp"; do [[ -f "$jar" ]] || missing=true; done
if [[ "$missing" == true || -n "$(find . \( -path ./.local -o -name target \) -prune -o \( -name '*.java' -o -name pom.xml -o -name '*.avsc' \) -newer "$stamp" -print -quit 2>/dev/null)" ]]; then
  echo "Building (tests skipped; 'mvn -B verify' runs them) ..."
  mvn -B -q -DskipTests package -pl local-stack,provider-poller,ledger-service,query-service -am
  touch "$stamp"
fi

mkdir -p "$data_dir"
exec java -Xmx256m -cp "$(cat local-stack/target/kafka-broker.classpath):local-stack/target/classes" \
  io.orderledger.local.LocalStackMain --data-dir "$data_dir" "${args[@]+"${args[@]}"}"
