package org.diffprior.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.function.Supplier;

import org.diffprior.classical.FbpFilter;
import org.diffprior.classical.FilteredBackProjection;
import org.diffprior.classical.Sart;
import org.diffprior.classical.TotalVariationCt;
import org.diffprior.classical.Upsampling;
import org.diffprior.core.CancelToken;
import org.diffprior.core.Metrics;
import org.diffprior.core.ProgressListener;
import org.diffprior.io.FloatImage;
import org.diffprior.physics.BicubicDownsampling;
import org.diffprior.physics.BoxDownsampling;
import org.diffprior.physics.CtAngles;
import org.diffprior.physics.LinearOperator;
import org.diffprior.physics.ParallelBeamProjector;
import org.diffprior.physics.ResizeKernel;
import org.diffprior.physics.TransmissionNoise;

/**
 * Classical CT and super-resolution baselines on a real CT slice (pydicom's CT_small, 128×128) and a
 * held-out Colin27 slice (axial 100, 224×224): PSNR / SSIM (DESIGN.md conventions) and seconds. Not a test.
 *
 * <pre>
 * mvn -q -o dependency:build-classpath -Dmdep.outputFile=cp.txt &amp;&amp; mvn -q -o test-compile
 * java -cp target/classes:target/test-classes:$(cat cp.txt) org.diffprior.bench.CtSrBenchmark [tune]
 * </pre>
 * {@code tune} sweeps the TV weight on CT_small only (the Colin27 slice stays held out).
 */
public final class CtSrBenchmark {

    private static final double I0 = 1e5;

    private CtSrBenchmark() {
    }

    record Named(String name, int size, float[] pixels) {
    }

    public static void main(String[] args) throws IOException {
        Locale.setDefault(Locale.ROOT);
        Named ct = new Named("CT_small", 128, load("/org/diffprior/physics/ct_small_128x128.f32"));
        Named colin = new Named("Colin27", 224, load("/org/diffprior/bench/colin27_axial100_224x224.f32"));
        if (args.length > 0 && args[0].equals("tune")) {
            tune(ct);
            return;
        }
        System.out.printf("threads: %d%n", Runtime.getRuntime().availableProcessors());
        System.out.println("| image | views | noise | method | PSNR dB | SSIM | seconds |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Named image : new Named[] {ct, colin}) {
            for (int views : new int[] {18, 30, 60}) {
                for (boolean noisy : new boolean[] {false, true}) {
                    ctRows(image, views, noisy);
                }
            }
        }
        System.out.println();
        System.out.println("| image | scale | degradation | method | PSNR dB | SSIM | seconds |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Named image : new Named[] {ct, colin}) {
            for (int scale : new int[] {2, 4}) {
                for (String degradation : new String[] {"box", "bicubic"}) {
                    srRows(image, scale, degradation);
                }
            }
        }
    }

    private static void ctRows(Named image, int views, boolean noisy) {
        ParallelBeamProjector projector = new ParallelBeamProjector(image.size(), CtAngles.parse("0:180:" + views));
        float[] sinogram = new float[projector.outputSize()];
        projector.apply(image.pixels(), sinogram);
        if (noisy) {
            sinogram = TransmissionNoise.apply(sinogram, I0, TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL, 2024);
        }
        float[] measured = sinogram;
        String noise = noisy ? "I0=1e5" : "none";
        String prefix = String.format("| %s | %d | %s |", image.name(), views, noise);
        report(prefix, "FBP ram-lak", image, () -> FilteredBackProjection.reconstruct(measured,
                projector.anglesDegrees(), image.size(), FbpFilter.RAM_LAK));
        report(prefix, "FBP hann", image, () -> FilteredBackProjection.reconstruct(measured,
                projector.anglesDegrees(), image.size(), FbpFilter.HANN));
        report(prefix, "SART 20x" + Math.min(10, views) + " subsets", image, () -> new Sart(projector, 20,
                Math.min(10, views), 0.9, true).reconstruct(measured, ProgressListener.NONE, CancelToken.none()));
        report(prefix,
                "TV λ=" + TotalVariationCt.DEFAULT_RELATIVE_LAMBDA + ", " + TotalVariationCt.DEFAULT_ITERATIONS + " it",
                image, () -> new TotalVariationCt(projector, TotalVariationCt.DEFAULT_RELATIVE_LAMBDA,
                        TotalVariationCt.DEFAULT_ITERATIONS)
                        .reconstruct(measured, ProgressListener.NONE, CancelToken.none()));
    }

    private static void srRows(Named image, int scale, String degradationName) {
        int size = image.size();
        LinearOperator degradation = degradationName.equals("box")
                ? new BoxDownsampling(size, size, scale) : new BicubicDownsampling(size, size, scale);
        float[] lowRes = new float[degradation.outputSize()];
        degradation.apply(image.pixels(), lowRes);
        FloatImage input = FloatImage.of(size / scale, size / scale, lowRes);
        String prefix = String.format("| %s | x%d | %s |", image.name(), scale, degradationName);
        for (ResizeKernel kernel : ResizeKernel.values()) {
            String name = kernel == ResizeKernel.CUBIC ? "bicubic" : "lanczos3";
            report(prefix, name, image, () -> Upsampling.upsample(input, scale, kernel).data());
            report(prefix, name + " + consistency", image, () -> Upsampling.enforceConsistency(
                    Upsampling.upsample(input, scale, kernel).data(), lowRes, degradation));
        }
    }

    private static void tune(Named image) {
        for (int views : new int[] {18, 60}) {
            for (boolean noisy : new boolean[] {false, true}) {
                ParallelBeamProjector projector = new ParallelBeamProjector(image.size(),
                        CtAngles.parse("0:180:" + views));
                float[] sinogram = new float[projector.outputSize()];
                projector.apply(image.pixels(), sinogram);
                if (noisy) {
                    sinogram = TransmissionNoise.apply(sinogram, I0, TransmissionNoise.DEFAULT_ATTENUATION_PER_PIXEL,
                            7);
                }
                float[] measured = sinogram;
                for (double lambda : new double[] {1e-5, 3e-5, 1e-4}) {
                    for (int iterations : new int[] {300, 1000}) {
                        report(String.format("| %d | %s |", views, noisy), "TV λ=" + lambda + " it=" + iterations,
                                image,
                                () -> new TotalVariationCt(projector, lambda, iterations)
                                        .reconstruct(measured, ProgressListener.NONE, CancelToken.none()));
                    }
                }
            }
        }
    }

    private static void report(String prefix, String method, Named image, Supplier<float[]> reconstruction) {
        long start = System.nanoTime();
        float[] result = reconstruction.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%s %s | %.2f | %.4f | %.2f |%n", prefix, method, Metrics.psnr(image.pixels(), result),
                Metrics.ssim(image.pixels(), result, image.size(), image.size()), seconds);
    }

    private static float[] load(String resource) throws IOException {
        try (InputStream in = CtSrBenchmark.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing " + resource + "; run scripts/ct_sr_fixtures.py");
            }
            byte[] bytes = in.readAllBytes();
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return values;
        }
    }
}
