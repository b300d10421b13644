package org.diffprior.task;

import org.diffprior.core.InvalidInputException;

/**
 * Photon-counting noise of a measured sinogram (the model of {@code TransmissionNoise}): with I0 incident
 * photons per ray and attenuation k per unit image value per pixel, a line integral p has variance
 * e^(k·p) / (I0·k²) to first order. The measured p stands in for the true one.
 *
 * @param incidentPhotons I0, photons per ray before the object
 * @param attenuationPerPixel k, attenuation of image value 1 over one pixel
 */
public record CtNoise(double incidentPhotons, double attenuationPerPixel) {

    public CtNoise {
        if (!(incidentPhotons > 0) || Double.isInfinite(incidentPhotons)) {
            throw InvalidInputException.of("i0", "{i0} (incident photons per ray) must be a positive number, got "
                    + incidentPhotons);
        }
        if (!(attenuationPerPixel > 0) || Double.isInfinite(attenuationPerPixel)) {
            throw InvalidInputException.of("attenuation_per_pixel",
                    "{attenuation_per_pixel} must be a positive number, got "
                            + attenuationPerPixel);
        }
    }

    /** Sum over the sinogram's rays of their noise variances, in the sinogram's units squared. */
    public double variance(float[] sinogram) {
        double k = attenuationPerPixel;
        double sum = 0;
        for (float p : sinogram) {
            sum += Math.exp(k * Math.max(0, p));
        }
        return sum / (incidentPhotons * k * k);
    }
}
