package org.diffprior.task;

import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.physics.TransmissionNoise;

/**
 * The parallel-beam sinogram of a square image (one row per view), optionally with photon-counting noise: what
 * {@code diffprior simulate ct} writes plane by plane and the Fiji CT command simulates.
 *
 * <pre>{@code
 * float[] sinogram = CtSimulation.sinogram(pixels, 128, CtAngles.equispaced(0, 180, 60), 1e5,
 *         TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL, 0);
 * }</pre>
 */
public final class CtSimulation {

    private CtSimulation() {
    }

    /**
     * Projects the row-major {@code size}×{@code size} image; with {@code incidentPhotons} &gt; 0 the line integrals
     * get the Poisson noise of that many photons per ray, drawn from {@code seed} (otherwise they stay exact).
     */
    public static float[] sinogram(float[] image, int size, double[] anglesDegrees, double incidentPhotons,
            double attenuationPerPixel, long seed) {
        ParallelBeamProjector projector = new ParallelBeamProjector(size, anglesDegrees);
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(image, sinogram);
        return incidentPhotons > 0 ? TransmissionNoise.apply(sinogram, incidentPhotons, attenuationPerPixel, seed)
                : sinogram;
    }
}
