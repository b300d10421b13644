/**
 * Measurement physics: linear operators (MRI, CT, super-resolution degradations), masks and the
 * classical reconstructions built on them. Knows nothing of networks.
 */
package org.diffprior.physics;
