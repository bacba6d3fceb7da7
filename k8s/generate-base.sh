#!/usr/bin/env bash
# Regenerates k8s/base from the chart: helm template of helm/erplink with
# helm/erplink/ci/default-values.yaml and the base's ERP URL, minus what only Helm adds
# (deploy-tests' K8sBase does it with the same helm 3 the chart tests use). Run it after a chart
# change; deploy-tests' K8sBaseTest fails while k8s/base differs from a fresh render.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root"
./mvnw -B -q -pl deploy-tests test-compile \
  org.codehaus.mojo:exec-maven-plugin:3.5.1:java \
  -Dexec.mainClass=io.erplink.deploy.K8sBase -Dexec.classpathScope=test -Derplink.root="$root"
