#!/usr/bin/env bash
# Makes the training/validation data under data/ (ignored by git) from Debian packages:
#   apt-get install mricron-data python3-pydicom
#   scripts/make-data.sh            # = bin/diffprior data --out data
#   scripts/make-data.sh --sizes 128 --no-dicom
# Layout and split: scripts/README.md and the javadoc of org.diffprior.io.TrainingData. Takes a few seconds.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
exec "$root/bin/diffprior" data --out "$root/data" "$@"
