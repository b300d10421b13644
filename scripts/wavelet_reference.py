#!/usr/bin/python3
"""Writes the D4 ("db2") periodic wavelet reference used by WaveletTest: a seeded 8x16 image and its
2-level PyWavelets decomposition in Mallat layout (cA top-left, cH bottom-left, cV top-right, cD bottom-right).
Run with Debian's python3 (PyWavelets 1.1): /usr/bin/python3 scripts/wavelet_reference.py"""
import numpy as np
import pywt

x = np.random.RandomState(2026).randn(8, 16)
coeffs = pywt.wavedec2(x, 'db2', mode='periodization', level=2)
out = np.zeros_like(x)
h, w = x.shape
out[:h // 4, :w // 4] = coeffs[0]
for level, (ch, cv, cd) in zip((2, 1), coeffs[1:]):
    hh, ww = h >> level, w >> level
    out[hh:2 * hh, :ww] = ch
    out[:hh, ww:2 * ww] = cv
    out[hh:2 * hh, ww:2 * ww] = cd
with open('src/test/resources/org/diffprior/physics/db2_periodization_8x16_level2.txt', 'w') as f:
    f.write('# pywt %s wavedec2(db2, periodization, level=2); line 1: input 8x16 row-major, line 2: coefficients\n' % pywt.__version__)
    f.write(' '.join('%.9g' % v for v in x.ravel()) + '\n')
    f.write(' '.join('%.9g' % v for v in out.ravel()) + '\n')
