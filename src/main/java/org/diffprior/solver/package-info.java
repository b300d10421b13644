/**
 * Noise schedules, samplers and posterior solvers; see both physics and prior only through their interfaces.
 *
 * <p>One entry point, {@link org.diffprior.solver.DiffusionSolver#run}, takes any
 * {@link org.diffprior.prior.Denoiser} and an immutable {@link org.diffprior.solver.SamplingRequest}:
 * schedule ({@link org.diffprior.solver.CosineSchedule}, {@link org.diffprior.solver.LinearBetaSchedule}),
 * time grid, number of network evaluations, update rule ({@link org.diffprior.solver.SamplerMethod}:
 * DDIM with η in the DDNM/DDS convention, ancestral, DPM-Solver++ 2M, UniPC; each rule one
 * {@code UpdateRule} class), K particles batched through the denoiser, and optionally a
 * {@link org.diffprior.solver.Measurement} (any {@link org.diffprior.physics.LinearOperator}, noise std,
 * optional pseudo-inverse) with a {@link org.diffprior.solver.DataConsistency} per step (DDS:
 * {@link org.diffprior.solver.CgDataConsistency}; DDNM: {@link org.diffprior.solver.ProjectionDataConsistency}),
 * a final hard data consistency and a {@link org.diffprior.solver.StepHook} that may replace the measurement
 * between steps (active subsampling). RED-diff, a variational solver rather than a sampler, is
 * {@link org.diffprior.solver.RedDiffSolver}: the same request plus its
 * {@link org.diffprior.solver.RedDiffOptions}. Real (1 channel) and complex (2 interleaved channels) images go
 * through the same code.
 *
 * <pre>{@code
 * // DDS for MRI/CT/SR with a network prior, 8 posterior samples, 50 network evaluations:
 * SamplingRequest request = SamplingRequest.builder(h, w).schedule(CosineSchedule.forResolution(h))
 *         .particles(8).seed(1).steps(50).eta(0.5)
 *         .measurement(new Measurement(operator, y, noiseStd, null))
 *         .dataConsistency(CgDataConsistency.auto(5, 1.0)).build();
 * SamplingResult r = DiffusionSolver.run(denoiser, request, progress, cancel); // r.mean(), r.std(), r.samples()
 * }</pre>
 */
package org.diffprior.solver;
