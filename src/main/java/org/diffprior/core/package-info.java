/**
 * Task-layer plumbing shared by every entry point: progress, cancellation, user-facing errors; and the small
 * numerics every layer above uses (intensity scales, image metrics, per-pixel statistics over samples).
 */
package org.diffprior.core;
