/**
 * The task layer: immutable request → result for each capability, shared by the Fiji commands, macros,
 * the command line and the batch runner. Normalises intensities, builds the measurement operator, runs
 * the posterior solver with the prior and returns results in the input's units. Requests own their defaults
 * and checks and report bad values keyed by parameter (CONTRIBUTING.md, "a command").
 */
package org.diffprior.task;
