#!/bin/sh
# Writes a tiny BART-written fixture for CflTest (src/test/resources/org/diffprior/io/bart/):
# 8x8 k-space of the Shepp-Logan phantom with 2 simulated coils (dims 8 8 1 2), and BART's own text
# dump of the values ("bart show", dimension 0 fastest) that the Java test compares against.
# Needs BART (Debian package bart); made with BART v0.8.00.
set -eu
out="$(dirname "$0")/../src/test/resources/org/diffprior/io/bart"
mkdir -p "$out"
cd "$out"
bart phantom -x 8 -s 2 -k phantom_kspace
bart show -f "%+.9e%+.9ei" phantom_kspace > phantom_kspace.txt
bart version > phantom_kspace.version
head -2 phantom_kspace.hdr
