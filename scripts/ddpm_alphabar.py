#!/usr/bin/python3
"""Prints alpha-bar of the DDPM linear-beta schedule (T = 1000, beta 1e-4..0.02) at a few indices,
computed with numpy as in the DDPM/ADM code (np.linspace + cumprod), for LinearBetaScheduleTest.
Run with Debian's /usr/bin/python3 (numpy 1.24)."""
import numpy as np

betas = np.linspace(1e-4, 0.02, 1000, dtype=np.float64)
alphas_cumprod = np.cumprod(1.0 - betas)
for n in (0, 20, 100, 200, 500, 800, 999):
    print(f"{n}: {alphas_cumprod[n]!r}")
