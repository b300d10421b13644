package org.diffprior.classical;

import java.util.Arrays;
import java.util.Locale;

import org.diffprior.core.InvalidInputException;

/**
 * Frequency responses of the filtered back-projection filters. All start from the discrete Ram-Lak
 * ramp of Kak &amp; Slaney (the spatial kernel h[0] = 1/4, h[n] = −1/(πn)² for odd n, 0 for even n,
 * transformed on the padded length, which avoids the DC offset of a sampled |ω|), then apodise it:
 * Shepp-Logan by sinc(ω/2), Hann by a Hann window centred on zero frequency.
 *
 * <pre>{@code
 * FbpFilter filter = FbpFilter.parse("shepp-logan");
 * double[] response = filter.response(512);
 * }</pre>
 */
public enum FbpFilter {
    RAM_LAK("ram-lak"), SHEPP_LOGAN("shepp-logan"), HANN("hann");

    private final String cliName;

    FbpFilter(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line. */
    public String cliName() {
        return cliName;
    }

    /** Parses a CLI name ({@code ram-lak} or its alias {@code ramp}, {@code shepp-logan}, {@code hann}). */
    public static FbpFilter parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("ramp")) {
            return RAM_LAK;
        }
        for (FbpFilter filter : values()) {
            if (filter.cliName.equals(key)) {
                return filter;
            }
        }
        throw InvalidInputException.of("filter", "{filter} '" + name + "' is unknown; use one of "
                + Arrays.stream(values()).map(FbpFilter::cliName).toList());
    }

    /** Real frequency response on {@code length} FFT bins in standard FFT order (DC first). */
    public double[] response(int length) {
        // Spatial Ram-Lak kernel, laid out circularly: index k is distance k for k ≤ length/2, else length − k.
        double[] kernel = new double[length];
        kernel[0] = 0.25;
        for (int k = 1; k < length; k++) {
            int distance = Math.min(k, length - k);
            if (distance % 2 != 0) {
                kernel[k] = -1.0 / (Math.PI * distance * Math.PI * distance);
            }
        }
        // The kernel is real and even, so its DFT is real: a cosine transform.
        double[] response = new double[length];
        for (int f = 0; f < length; f++) {
            double sum = 0;
            for (int k = 0; k < length; k++) {
                if (kernel[k] != 0) {
                    sum += kernel[k] * Math.cos(2 * Math.PI * ((long) f * k % length) / length);
                }
            }
            response[f] = 2 * sum;
        }
        switch (this) {
            case SHEPP_LOGAN -> {
                for (int f = 1; f < length; f++) {
                    double omega = Math.PI * signedFrequency(f, length);
                    response[f] *= Math.sin(omega) / omega;
                }
            }
            case HANN -> {
                // Symmetric Hann window of the padded length, shifted so that its centre sits on DC.
                for (int f = 0; f < length; f++) {
                    int windowIndex = (f + length / 2) % length;
                    response[f] *= 0.5 - 0.5 * Math.cos(2 * Math.PI * windowIndex / (length - 1));
                }
            }
            default -> {
            }
        }
        return response;
    }

    /** Frequency of FFT bin f in cycles per sample, in [−1/2, 1/2). */
    private static double signedFrequency(int f, int length) {
        return (f < (length + 1) / 2 ? f : f - length) / (double) length;
    }
}
