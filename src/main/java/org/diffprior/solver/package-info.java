/** Noise schedules, samplers and posterior solvers; see both physics and prior only through their interfaces. */
package org.diffprior.solver;
