#!/usr/bin/env bash
# The auditor's command line: verify, replay, export and tail the order ledger's topics.
#
#   ./ledger-audit.sh verify [--partner ID] [--report DIR] [--follow] [--bootstrap-servers HOST:PORT]
#   ./ledger-audit.sh replay --application-id NEW [--until TIME]
#   ./ledger-audit.sh export --partner ID [--currency C] [--from T] [--to T] --format csv|jsonl [--output FILE]
#   ./ledger-audit.sh tail --topic NAME [--from-beginning | --from TIME] [--partner ID]
#   ./ledger-audit.sh --help, ./ledger-audit.sh COMMAND --help
#
# Needs Java 17+ and Maven; builds ledger-audit/target/ledger-audit-*.jar when it is missing or older than the sources.
set -euo pipefail
cd "$(dirname "$0")"
jar=ledger-audit/target/ledger-audit-0.1.0-SNAPSHOT-all.jar
command -v java >/dev/null || { echo "Java 17 or newer is needed (apt-get install openjdk-17-jdk-headless)" >&2; exit 2; }
if [[ ! -f "$jar" || -n "$(find ledger-audit ledger-core order-events-schema \( -name target -prune \) -o \( -name '*.java' -o -name pom.xml -o -name '*.avsc' \) -newer "$jar" -print -quit 2>/dev/null)" ]]; then
  command -v mvn >/dev/null || { echo "Maven is needed to build the tool (apt-get install maven)" >&2; exit 2; }
  echo "Building ledger-audit (tests skipped) ..." >&2
  mvn -B -q -DskipTests package -pl ledger-audit -am >&2
fi
# The local stack's checkpoint key, when it is there and no other was given: verify then checks every signature.
if [[ -z "${LEDGER_AUDIT_PUBLIC_KEY:-}" && -f .local/secrets/ledger-checkpoint.pub ]]; then
  export LEDGER_AUDIT_PUBLIC_KEY=@.local/secrets/ledger-checkpoint.pub
fi
# 1 GiB: a verify holds every order's rules state; one million events (365,722 orders) no longer fitted 512 MiB
# (BENCHMARKS.md, 2026-12-04). LEDGER_AUDIT_HEAP sets it (for example 4g for a larger log).
exec java -Xmx"${LEDGER_AUDIT_HEAP:-1g}" -jar "$jar" "$@"
