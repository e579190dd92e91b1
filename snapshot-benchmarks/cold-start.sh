#!/usr/bin/env bash
# Times the cold start as whole processes: a fresh JVM that makes one client and completes one
# create, against a fresh JVM that sends the same recorded request once with a bare JDK client.
# Usage: ./cold-start.sh [runs=10] [providers...]   (after: mvn -pl snapshot-benchmarks -am package)
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-10}
shift || true
providers=("${@:-aws-sgw aliyun azure yandex openstack}")
jar=target/benchmarks.jar
work=$(mktemp -d)
trap 'kill "$stub_pid" 2>/dev/null; rm -rf "$work"' EXIT

java -cp "$jar" io.snapshotsdk.benchmarks.ColdStart stub "$work/requests" > "$work/base" &
stub_pid=$!
until [ -s "$work/base" ]; do sleep 0.2; done
base=$(cat "$work/base")

# Prints "median-wall-ms median-peak-rss-kB" of $runs runs of the given command.
measure() {
  : > "$work/samples"
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/one" "$@" > /dev/null
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000000 )) $(cat "$work/one")" >> "$work/samples"
  done
  local wall rss
  wall=$(cut -d' ' -f1 "$work/samples" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  rss=$(cut -d' ' -f2 "$work/samples" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')
  echo "$wall $rss"
}

printf '%-10s %9s %9s %7s %10s %10s %7s\n' provider sdk-ms raw-ms wall sdk-rss-kB raw-rss-kB rss
for p in ${providers[*]}; do
  read -r sw sr < <(measure java -cp "$jar" io.snapshotsdk.benchmarks.ColdStart sdk "$p" "$base")
  read -r rw rr < <(measure java -cp "$jar" io.snapshotsdk.benchmarks.ColdStart raw "$p" "$base" "$work/requests")
  printf '%-10s %9d %9d %6.2fx %10d %10d %6.2fx\n' "$p" "$sw" "$rw" "$(echo "$sw / $rw" | bc -l)" "$sr" "$rr" "$(echo "$sr / $rr" | bc -l)"
done
