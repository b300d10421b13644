package org.diffprior.solver;

import java.util.Random;

/**
 * The update rule between network evaluations; each value makes its {@code UpdateRule} (one class per
 * rule). Every method spends exactly {@code steps} network evaluations on a grid t_0 = tMax > … >
 * t_{steps−1} = tMin and returns the (data-consistent) clean estimate at the last time, so methods are
 * compared at equal cost.
 * <ul>
 * <li>{@link #DDIM} ({@code DdimUpdate}): x_s = α_s x̃0 + σ_s(√(1−η²) ε̂ + η z). The public {@code eta} uses
 * the DDNM/DDS convention of algorithms.md §1.2: η is the fraction of the noise std at s that is fresh noise
 * (η = 0 deterministic DDIM; DDS/DDNM default 0.85 re-injects 72 % of the variance every step). It is
 * <em>not</em> Song's η; Song's η = 1 (DDPM posterior sampling) is {@link #ANCESTRAL}. With a CG data
 * consistency this is DDS; with projection it is DDNM.</li>
 * <li>{@link #ANCESTRAL} ({@code AncestralUpdate}): DDPM ancestral step, x_s = α_s x̃0 + √(σ_s² − c²) ε̂ + c z
 * with c = (σ_s/σ_t)·√(1 − α_t²/α_s²) (Song's DDIM with η = 1).</li>
 * <li>{@link #DPM_SOLVER_2M} ({@code DpmSolver2mUpdate}): DPM-Solver++ multistep second order in data
 * prediction (Lu et al. 2022), first-order start, first-order final step when fewer than 10 steps.</li>
 * <li>{@link #UNIPC} ({@code UniPcUpdate}): UniPC (Zhao et al. 2023), B(h) = e^{−h} − 1 ("bh2"),
 * second-order predictor with the free corrector that reuses the next evaluation.</li>
 * </ul>
 * RED-diff is not a sampler but a variational solver: {@link RedDiffSolver}.
 */
public enum SamplerMethod {
    DDIM, ANCESTRAL, DPM_SOLVER_2M, UNIPC;

    /** A fresh rule for one run over {@code times}; {@code randoms} are the particles' streams. */
    UpdateRule rule(SamplingRequest request, double[] times, Random[] randoms) {
        NoiseSchedule schedule = request.schedule();
        return switch (this) {
            case DDIM -> new DdimUpdate(schedule, times, request.eta(), randoms);
            case ANCESTRAL -> new AncestralUpdate(schedule, times, randoms);
            case DPM_SOLVER_2M -> new DpmSolver2mUpdate(schedule, times, request.lowerOrderFinal());
            case UNIPC -> new UniPcUpdate(schedule, times, request.lowerOrderFinal());
        };
    }
}
