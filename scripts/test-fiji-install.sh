#!/usr/bin/env bash
# Installs DiffPrior into a fake Fiji.app with the one command of the README and checks what landed where: the
# plugin jar and the libraries Fiji lacks in jars/ (natives in jars/linux64), none of Fiji's own, no ImageJ 1.x
# menus (Fiji shows the SciJava commands), an older version replaced and a newer one kept; and that
# target/plugins/fiji/DiffPrior holds the same jars. Needs Maven online (the SciJava Maven plugin).
#   scripts/test-fiji-install.sh
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fiji="$work/Fiji.app"
mkdir -p "$fiji/jars" "$fiji/plugins"
# What a Fiji already has: its ImageJ, a newer lz4 (jhdf's) and an older picocli.
for jar in ij-1.54p lz4-java-1.9-inv picocli-4.7.5 gson-2.10.1; do
  echo "Fiji's $jar" >"$fiji/jars/$jar.jar"
done

(cd "$root" && mvn -B -q -DskipTests package -Dscijava.app.directory="$fiji") >"$work/mvn.log" 2>&1 \
  || { tail -30 "$work/mvn.log" >&2; exit 1; }

failures=0
passes=0
check() { # check DESCRIPTION COMMAND...
  local what="$1"
  shift
  if "$@"; then echo "ok   $what"; passes=$((passes + 1)); else echo "FAIL $what"; failures=$((failures + 1)); fi
}
expected="api-0.36.0.jar common-image-3.14.0.jar common-io-3.14.0.jar common-lang-3.14.0.jar compress-lzf-1.1.2.jar \
diffprior.jar gson-2.10.1.jar ij-1.54p.jar imageio-core-3.14.0.jar imageio-metadata-3.14.0.jar imageio-tiff-3.14.0.jar \
jhdf-0.9.4.jar linux64/pytorch-native-cpu-2.7.1-linux-x86_64.jar lz4-java-1.9-inv.jar picocli-4.7.7.jar \
pytorch-engine-0.36.0.jar pytorch-jni-2.7.1-0.36.0.jar"
actual="$(cd "$fiji/jars" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ' | sed 's/ $//')"
check "jars/ holds the plugin, the libraries Fiji lacks and Fiji's own, nothing else (got: $actual)" \
  test "$actual" = "$expected"
check "Fiji's own jars untouched (ij, gson)" grep -q "Fiji's" "$fiji/jars/ij-1.54p.jar" "$fiji/jars/gson-2.10.1.jar"
check "a newer lz4-java of Fiji's kept, ours not added" test ! -e "$fiji/jars/lz4-java-1.8.0.jar"
check "an older picocli replaced" test ! -e "$fiji/jars/picocli-4.7.5.jar"
check "no ImageJ 1.x menus in Fiji: plugins/ empty" test -z "$(ls -A "$fiji/plugins")"
check "no plugins.config in the plugin jar" bash -c "! unzip -l '$fiji/jars/diffprior.jar' | grep -q plugins.config"
folder="$(cd "$root/target/plugins/fiji/DiffPrior" && ls | sort | tr '\n' ' ')"
check "target/plugins/fiji/DiffPrior holds the same plugin and libraries, lz4-java too (got: $folder)" \
  test "$folder" = "api-0.36.0.jar common-image-3.14.0.jar common-io-3.14.0.jar common-lang-3.14.0.jar \
compress-lzf-1.1.2.jar diffprior.jar imageio-core-3.14.0.jar imageio-metadata-3.14.0.jar imageio-tiff-3.14.0.jar \
jhdf-0.9.4.jar lz4-java-1.8.0.jar picocli-4.7.7.jar pytorch-engine-0.36.0.jar pytorch-jni-2.7.1-0.36.0.jar \
pytorch-native-cpu-2.7.1-linux-x86_64.jar "
echo "$passes passed, $failures failed"
[ "$failures" -eq 0 ]
