package org.diffprior.physics;

/**
 * Simulated receive-coil sensitivities for {@code diffprior simulate mri}: C small loops evenly spaced on a
 * circle around the field of view (a birdcage-like array), each with a smooth Biot–Savart-like magnitude
 * 1/(1 + d²/ρ²)^{3/2} (d = distance to the loop, ρ = half the field of view) and a smooth phase that turns
 * once around the loop (continuous inside the field of view) plus a per-coil offset. Maps are normalised so that Σ_c |S_c|² = 1 at
 * every pixel, the same convention as ESPIRiT maps, so the SENSE adjoint of fully sampled data returns x.
 *
 * <pre>{@code
 * CoilArray maps = CoilSensitivities.simulate(256, 256, 8);
 * LinearOperator a = new MultiCoilCartesianMri(256, 256, mask, maps.data(), maps.coils());
 * }</pre>
 */
public final class CoilSensitivities {

    private CoilSensitivities() {
    }

    /** C normalised complex H×W maps (coil-major, interleaved). */
    public static CoilArray simulate(int height, int width, int coils) {
        if (coils < 1) {
            throw new IllegalArgumentException("need at least one coil, got " + coils);
        }
        int n = height * width;
        float[] data = new float[2 * coils * n];
        double fieldOfView = Math.max(height, width);
        double ringRadius = 0.75 * fieldOfView;
        double rho = 0.5 * fieldOfView;
        for (int c = 0; c < coils; c++) {
            double angle = 2 * Math.PI * c / coils;
            double coilY = height / 2.0 + ringRadius * Math.sin(angle);
            double coilX = width / 2.0 + ringRadius * Math.cos(angle);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    double dy = y - coilY;
                    double dx = x - coilX;
                    double d2 = (dy * dy + dx * dx) / (rho * rho);
                    double magnitude = Math.pow(1 + d2, -1.5);
                    // A whole turn of phase around the loop: e^{i·atan2} is smooth everywhere except at the loop
                    // itself, which lies outside the field of view (a half turn would jump by π along a line).
                    double phase = Math.atan2(dy, dx) + angle;
                    int i = 2 * (c * n + y * width + x);
                    data[i] = (float) (magnitude * Math.cos(phase));
                    data[i + 1] = (float) (magnitude * Math.sin(phase));
                }
            }
        }
        normalise(data, coils, n);
        return new CoilArray(height, width, coils, data);
    }

    /** Scales every pixel so that Σ_c |S_c|² = 1 (pixels where all maps vanish stay 0). */
    public static void normalise(float[] maps, int coils, int pixels) {
        for (int i = 0; i < pixels; i++) {
            double sum = 0;
            for (int c = 0; c < coils; c++) {
                int k = 2 * (c * pixels + i);
                sum += maps[k] * maps[k] + maps[k + 1] * maps[k + 1];
            }
            if (sum > 0) {
                float scale = (float) (1 / Math.sqrt(sum));
                for (int c = 0; c < coils; c++) {
                    int k = 2 * (c * pixels + i);
                    maps[k] *= scale;
                    maps[k + 1] *= scale;
                }
            }
        }
    }
}
