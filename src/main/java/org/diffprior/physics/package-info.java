/**
 * Measurement physics at the bottom of the stack: linear operators (MRI, CT, super-resolution degradations),
 * masks, coil maps and ESPIRiT. Imports nothing above {@code core} and {@code io}; the reconstructions built on
 * these operators live in {@code classical} (classical methods) and {@code task} (diffusion).
 */
package org.diffprior.physics;
