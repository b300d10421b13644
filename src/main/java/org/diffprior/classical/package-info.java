/**
 * Classical reconstructions, the baselines diffusion is measured against and the estimates it starts from:
 * MRI zero-filled / CG-SENSE / L1-wavelet / TV, CT FBP / SART / TV, interpolation for super-resolution. Built
 * on the operators of {@code physics} and the optimisers of {@code solver}; knows nothing of networks.
 */
package org.diffprior.classical;
