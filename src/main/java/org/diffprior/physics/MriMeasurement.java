package org.diffprior.physics;

import org.diffprior.core.Intensities;
import org.diffprior.core.InvalidInputException;

/**
 * One slice of undersampled Cartesian MRI as every reconstruction sees it (classical, diffusion, active
 * subsampling): the operator on complex images (one coil, or several with their sensitivity maps), the intensity
 * scale s, the measured values divided by s and zero where the mask does not sample, and the image space the
 * reconstruction works in: complex images, or real images under a fixed phase (a magnitude prior under the phase
 * of the calibration image, or a real object). Dividing by s, the robust maximum of the zero-filled image, puts
 * every problem at an image of robust maximum ≈ 1, the units of the priors and of the validation-chosen weights
 * (what BART's {@code pics -w s} does). Immutable; {@link #withData} keeps scale, maps and phase for a grown mask.
 *
 * <pre>{@code
 * MriMeasurement m = MriMeasurement.of(kspace, mask, maps).underCalibrationPhase();
 * float[] image = new float[m.imageValues()];
 * m.operator().adjoint(m.data(), image);   // zero-filled real image, normalised
 * }</pre>
 */
public final class MriMeasurement {

    private final CoilArray kspace;
    private final float[] mask;
    private final CoilArray maps;
    private final double scale;
    private final boolean realImages;
    /** φ of the real images, or null for φ = 0 (and for complex images). */
    private final float[] phase;
    private final float[] data;

    private MriMeasurement(CoilArray kspace, float[] mask, CoilArray maps, double scale, boolean realImages,
            float[] phase) {
        this.kspace = kspace;
        this.mask = mask;
        this.maps = maps;
        this.scale = scale;
        this.realImages = realImages;
        this.phase = phase;
        this.data = normalisedData(kspace, mask, scale);
    }

    /**
     * The measurement with its scale taken from the data: the robust maximum of the zero-filled image.
     *
     * @param maps coil sensitivities, or null for single-coil k-space
     * @throws InvalidInputException when sizes disagree, several coils come without maps, or the sampled k-space is zero
     */
    public static MriMeasurement of(CoilArray kspace, float[] mask, CoilArray maps) {
        check(kspace, mask, maps);
        float[] zeroFilled = new float[2 * kspace.height() * kspace.width()];
        complexOperator(kspace.height(), kspace.width(), mask, maps).adjoint(sampledOnly(kspace, mask).data(),
                zeroFilled);
        double scale = Intensities.robustMax(zeroFilled, true);
        if (!(scale > 0)) {
            throw new InvalidInputException(
                    "the k-space is zero where the mask samples it; check the mask and the k-space");
        }
        return new MriMeasurement(kspace, mask, maps, scale, false, null);
    }

    /** The measurement with a given intensity scale s (the data are divided by it). */
    public static MriMeasurement of(CoilArray kspace, float[] mask, CoilArray maps, double scale) {
        check(kspace, mask, maps);
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new InvalidInputException("the intensity scale must be a number > 0, got " + scale);
        }
        return new MriMeasurement(kspace, mask, maps, scale, false, null);
    }

    /** Real images under the phase of the calibration image ({@link CalibrationCentre#phase}), x = e^{iφ} m. */
    public MriMeasurement underCalibrationPhase() {
        return new MriMeasurement(kspace, mask, maps, scale, true,
                CalibrationCentre.phase(sampledOnly(kspace, mask).data(), mask, maps,
                        kspace.height(), kspace.width()));
    }

    /**
     * Real images under the phase of a complex estimate of the whole image (for example CG-SENSE of all coils,
     * which resolves the phase far beyond the calibration centre), smoothed by a Hann window over the central
     * {@code fraction} of k-space in each direction so that noise in the estimate does not enter the phase.
     */
    public MriMeasurement underPhaseOf(float[] complexEstimate, double fraction) {
        int height = height();
        int width = width();
        float[] lowPass = complexEstimate.clone();
        CenteredFft2 fft = new CenteredFft2(height, width);
        fft.forward(lowPass);
        int halfHeight = Math.max(1, (int) Math.round(fraction * height / 2));
        int halfWidth = Math.max(1, (int) Math.round(fraction * width / 2));
        for (int y = 0; y < height; y++) {
            double wy = taper(y - height / 2, halfHeight);
            for (int x = 0; x < width; x++) {
                double w = wy * taper(x - width / 2, halfWidth);
                int i = 2 * (y * width + x);
                lowPass[i] = (float) (lowPass[i] * w);
                lowPass[i + 1] = (float) (lowPass[i + 1] * w);
            }
        }
        fft.inverse(lowPass);
        float[] estimatedPhase = new float[height * width];
        for (int i = 0; i < estimatedPhase.length; i++) {
            estimatedPhase[i] = (float) Math.atan2(lowPass[2 * i + 1], lowPass[2 * i]);
        }
        return new MriMeasurement(kspace, mask, maps, scale, true, estimatedPhase);
    }

    /** Real images with zero phase: a real object (BART's {@code pics -c}). */
    public MriMeasurement realObject() {
        return new MriMeasurement(kspace, mask, maps, scale, true, null);
    }

    /** The same scale, maps and image space (phase included) for other data, e.g. after more lines were acquired. */
    public MriMeasurement withData(CoilArray newKspace, float[] newMask) {
        check(newKspace, newMask, maps);
        if (newKspace.height() != kspace.height() || newKspace.width() != kspace.width()) {
            throw new InvalidInputException("new k-space is " + newKspace.height() + "x" + newKspace.width()
                    + ", the measurement's " + kspace.height() + "x" + kspace.width());
        }
        return new MriMeasurement(newKspace, newMask, maps, scale, realImages, phase);
    }

    public int height() {
        return kspace.height();
    }

    public int width() {
        return kspace.width();
    }

    public int coils() {
        return kspace.coils();
    }

    /** The intensity scale s: images in the data's units are s times the normalised ones. */
    public double scale() {
        return scale;
    }

    /** Whether the reconstruction works on real images (under a fixed phase) rather than complex ones. */
    public boolean realImages() {
        return realImages;
    }

    /** Whether the images are real under a phase estimated from the calibration data (not exactly known). */
    public boolean estimatedPhase() {
        return realImages && phase != null;
    }

    /** The k-space as measured, in the data's units (shared; do not modify). */
    public CoilArray kspace() {
        return kspace;
    }

    /** Floats of one image in the reconstruction's space: H·W real or 2·H·W interleaved complex. */
    public int imageValues() {
        return (realImages ? 1 : 2) * height() * width();
    }

    /** Whether coil maps resolve the phase (several coils): complex images can then be reconstructed. */
    public boolean multiCoil() {
        return maps != null;
    }

    /** The measured values divided by s, zero where the mask does not sample (shared; do not modify). */
    public float[] data() {
        return data;
    }

    /** The coil sensitivities, or null for one coil (shared; do not modify). */
    public CoilArray maps() {
        return maps;
    }

    /** The sampling mask (shared; do not modify). */
    public float[] mask() {
        return mask;
    }

    /** The operator on complex images (interleaved): M ⊙ F x, or M ⊙ F(S_c ⊙ x) for every coil c. */
    public LinearOperator complexOperator() {
        return complexOperator(height(), width(), mask, maps);
    }

    /** The operator on the reconstruction's images: {@link #complexOperator} or its restriction to e^{iφ} m. */
    public LinearOperator operator() {
        LinearOperator complex = complexOperator();
        return realImages ? new PhaseConstrained(complex, phase) : complex;
    }

    /** A normalised image of the reconstruction's space as an interleaved complex image, still normalised. */
    public float[] toComplex(float[] image) {
        return realImages ? new PhaseConstrained(complexOperator(), phase).toComplex(image) : image.clone();
    }

    /**
     * The noise variance summed over the sampled real values, in normalised units, for k-space noise of standard
     * deviation σ in the real and in the imaginary part of each sampled value (the data's units).
     */
    public double noiseVariance(double sigma) {
        long sampled = 0;
        for (float m : mask) {
            sampled += m != 0 ? 2L * coils() : 0;
        }
        return sampled * Math.pow(sigma / scale, 2);
    }

    /** The MRI operator on complex images with this mask and these maps (null: one coil). */
    public static LinearOperator complexOperator(int height, int width, float[] mask, CoilArray maps) {
        return maps == null ? new CartesianMri(height, width, mask)
                : new MultiCoilCartesianMri(height, width, mask, maps.data(), maps.coils());
    }

    /** Hann taper over |offset| ≤ half + 1 (so the outermost sampled line still counts). */
    static double taper(int offset, int half) {
        double extent = half + 1;
        return Math.abs(offset) >= extent ? 0 : 0.5 * (1 + Math.cos(Math.PI * offset / extent));
    }

    /**
     * Refuses a NaN or an infinity at a sampled k-space point (unsampled points may hold anything: no reconstruction
     * reads them), naming the first one found.
     */
    public static void requireFinite(CoilArray kspace, float[] mask) {
        int points = kspace.height() * kspace.width();
        float[] data = kspace.data();
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i]) && mask[(i / 2) % points] != 0) {
                int point = (i / 2) % points;
                throw new InvalidInputException("the k-space holds " + data[i] + " at coil " + (i / 2) / points
                        + ", row " + point / kspace.width() + ", column " + point % kspace.width()
                        + ", a sampled point; every measured value must be a finite number: repair or re-export it");
            }
        }
    }

    /**
     * The k-space with every point the mask does not sample set to 0, so that what it held there (even a NaN, which
     * the mask's multiplication would spread) cannot reach an image.
     */
    public static CoilArray sampledOnly(CoilArray kspace, float[] mask) {
        float[] data = kspace.data().clone();
        int points = kspace.height() * kspace.width();
        for (int i = 0; i < data.length; i += 2) {
            if (mask[(i / 2) % points] == 0) {
                data[i] = 0;
                data[i + 1] = 0;
            }
        }
        return new CoilArray(kspace.height(), kspace.width(), kspace.coils(), data);
    }

    private static void check(CoilArray kspace, float[] mask, CoilArray maps) {
        int height = kspace.height();
        int width = kspace.width();
        if (mask.length != height * width) {
            throw new InvalidInputException("mask size does not match the k-space (" + height + "x" + width
                    + "); use a mask of the same size");
        }
        if (maps == null && kspace.coils() > 1) {
            throw InvalidInputException.of("sensitivities",
                    "multi-coil k-space needs coil sensitivities; give {sensitivities} or {estimate_sens}");
        }
        if (maps != null && (maps.height() != height || maps.width() != width || maps.coils() != kspace.coils())) {
            throw new InvalidInputException("sensitivities are " + maps.height() + "x" + maps.width() + "x"
                    + maps.coils()
                    + " but the k-space is " + height + "x" + width + "x" + kspace.coils() + "; pass matching maps");
        }
        requireFinite(kspace, mask);
    }

    /** kspace / s where the mask samples, 0 elsewhere (the operators' range is zero there). */
    private static float[] normalisedData(CoilArray kspace, float[] mask, double scale) {
        float[] scaled = Intensities.scaled(kspace.data(), 1 / scale);
        int points = kspace.height() * kspace.width();
        for (int i = 0; i < scaled.length; i += 2) {
            if (mask[(i / 2) % points] == 0) {
                scaled[i] = 0;
                scaled[i + 1] = 0;
            }
        }
        return scaled;
    }
}
