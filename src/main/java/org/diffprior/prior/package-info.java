/** Priors seen as denoisers: analytic (exact, for tests and demos) and neural. Knows nothing of measurements. */
package org.diffprior.prior;
