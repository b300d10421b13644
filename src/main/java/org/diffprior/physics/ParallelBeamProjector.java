package org.diffprior.physics;

import java.util.stream.IntStream;

/**
 * 2-D parallel-beam X-ray transform of an N×N image and its exact adjoint (DESIGN.md §3): the sinogram
 * has one row per view and N detector bins, equal to {@code skimage.transform.radon(image, theta,
 * circle=True).T}. Each ray is sampled at unit steps and the image is read by bilinear interpolation
 * (zero outside the image), which is what scikit-image's rotate-and-sum does; the adjoint scatters
 * with the same weights, so the pair is matched (Aᵀ is the true transpose). The image support is the
 * inscribed circle (centre (N/2, N/2), radius N/2 in integer arithmetic): pixels outside it are
 * ignored by {@link #apply} and set to zero by {@link #adjoint}.
 *
 * <pre>{@code
 * ParallelBeamProjector radon = new ParallelBeamProjector(256, CtAngles.parse("0:180:60"));
 * float[] sinogram = new float[radon.outputSize()];
 * radon.apply(image, sinogram);
 * }</pre>
 */
public final class ParallelBeamProjector implements LinearOperator {

    private final int size;
    /** Rotation centre, scikit-image's N // 2: integer division on purpose, also for odd N. */
    private final int centre;
    private final double[] anglesDegrees;
    private final double[] cos;
    private final double[] sin;
    private final boolean[] insideCircle;

    /**
     * @param size image side N (also the number of detector bins)
     * @param anglesDegrees view angles in degrees, in sinogram row order
     */
    public ParallelBeamProjector(int size, double[] anglesDegrees) {
        if (size < 2) {
            throw new IllegalArgumentException("image size must be at least 2, got " + size);
        }
        if (anglesDegrees.length == 0) {
            throw new IllegalArgumentException("at least one view angle is needed");
        }
        this.size = size;
        this.centre = size / 2;
        this.anglesDegrees = anglesDegrees.clone();
        this.cos = new double[anglesDegrees.length];
        this.sin = new double[anglesDegrees.length];
        for (int v = 0; v < anglesDegrees.length; v++) {
            double radians = Math.toRadians(anglesDegrees[v]);
            cos[v] = Math.cos(radians);
            sin[v] = Math.sin(radians);
        }
        this.insideCircle = circleMask(size);
    }

    /** The inscribed-circle support of an N×N image, scikit-image's convention. */
    public static boolean[] circleMask(int size) {
        boolean[] mask = new boolean[size * size];
        int centre = size / 2;
        long radiusSquared = (long) centre * centre;
        for (int row = 0; row < size; row++) {
            for (int col = 0; col < size; col++) {
                long dr = row - centre;
                long dc = col - centre;
                mask[row * size + col] = dr * dr + dc * dc <= radiusSquared;
            }
        }
        return mask;
    }

    public int size() {
        return size;
    }

    public int views() {
        return anglesDegrees.length;
    }

    public double[] anglesDegrees() {
        return anglesDegrees.clone();
    }

    /** A projector for a subset of this one's views (for ordered-subset methods). */
    public ParallelBeamProjector subset(int[] viewIndices) {
        double[] angles = new double[viewIndices.length];
        for (int i = 0; i < viewIndices.length; i++) {
            angles[i] = anglesDegrees[viewIndices[i]];
        }
        return new ParallelBeamProjector(size, angles);
    }

    @Override
    public int inputSize() {
        return size * size;
    }

    @Override
    public int outputSize() {
        return anglesDegrees.length * size;
    }

    @Override
    public void apply(float[] image, float[] sinogram) {
        float[] support = new float[size * size];
        for (int i = 0; i < support.length; i++) {
            support[i] = insideCircle[i] ? image[i] : 0f;
        }
        IntStream.range(0, views()).parallel().forEach(view -> {
            for (int bin = 0; bin < size; bin++) {
                sinogram[view * size + bin] = (float) traceRay(support, view, bin);
            }
        });
    }

    @Override
    public void adjoint(float[] sinogram, float[] image) {
        // Scatter is not thread-safe on one image, so each chunk of views gets its own partial image.
        int chunks = Math.max(1, Math.min(views(), Runtime.getRuntime().availableProcessors()));
        float[][] partial = new float[chunks][];
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            float[] buffer = new float[size * size];
            for (int view = chunk; view < views(); view += chunks) {
                for (int bin = 0; bin < size; bin++) {
                    float value = sinogram[view * size + bin];
                    if (value != 0f) {
                        scatterRay(buffer, view, bin, value);
                    }
                }
            }
            partial[chunk] = buffer;
        });
        for (int i = 0; i < image.length; i++) {
            if (!insideCircle[i]) {
                image[i] = 0f;
                continue;
            }
            double sum = 0;
            for (float[] buffer : partial) {
                sum += buffer[i];
            }
            image[i] = (float) sum;
        }
    }

    /*
     * Ray of view v through detector bin j: the samples are the rotated pixel grid of scikit-image's
     * rotate-and-sum, x = c + cos·(j − c) + sin·t, y = c − sin·(j − c) + cos·t for t = r − c,
     * r = 0..N−1 (x is the column, y the row, c = N/2). A sample lies at distance √((j − c)² + t²)
     * from the centre, so only the samples of firstSample..lastSample can reach a pixel of the circular
     * support (its bilinear neighbours lie within √2 < 1.5 of it); skipping the others changes no sum.
     * Samples whose four neighbours are all inside the image take a path without bounds checks.
     */
    private double traceRay(float[] image, int view, int bin) {
        double c = centre;
        double offset = bin - c;
        int first = firstSample(offset);
        int last = lastSample(offset);
        double x = c + cos[view] * offset + sin[view] * (first - c);
        double y = c - sin[view] * offset + cos[view] * (first - c);
        double sum = 0;
        for (int r = first; r <= last; r++, x += sin[view], y += cos[view]) {
            if (x <= -1 || y <= -1 || x >= size || y >= size) {
                continue;
            }
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            double fx = x - x0;
            double fy = y - y0;
            if (x0 >= 0 && y0 >= 0 && x0 < size - 1 && y0 < size - 1) {
                int i = y0 * size + x0;
                sum += (1 - fy) * ((1 - fx) * image[i] + fx * image[i + 1])
                        + fy * ((1 - fx) * image[i + size] + fx * image[i + size + 1]);
            } else {
                sum += (1 - fy) * ((1 - fx) * pixel(image, x0, y0) + fx * pixel(image, x0 + 1, y0))
                        + fy * ((1 - fx) * pixel(image, x0, y0 + 1) + fx * pixel(image, x0 + 1, y0 + 1));
            }
        }
        return sum;
    }

    private void scatterRay(float[] image, int view, int bin, float value) {
        double c = centre;
        double offset = bin - c;
        int first = firstSample(offset);
        int last = lastSample(offset);
        double x = c + cos[view] * offset + sin[view] * (first - c);
        double y = c - sin[view] * offset + cos[view] * (first - c);
        for (int r = first; r <= last; r++, x += sin[view], y += cos[view]) {
            if (x <= -1 || y <= -1 || x >= size || y >= size) {
                continue;
            }
            int x0 = (int) Math.floor(x);
            int y0 = (int) Math.floor(y);
            double fx = x - x0;
            double fy = y - y0;
            if (x0 >= 0 && y0 >= 0 && x0 < size - 1 && y0 < size - 1) {
                int i = y0 * size + x0;
                image[i] += (float) (value * (1 - fx) * (1 - fy));
                image[i + 1] += (float) (value * fx * (1 - fy));
                image[i + size] += (float) (value * (1 - fx) * fy);
                image[i + size + 1] += (float) (value * fx * fy);
            } else {
                add(image, x0, y0, value * (1 - fx) * (1 - fy));
                add(image, x0 + 1, y0, value * fx * (1 - fy));
                add(image, x0, y0 + 1, value * (1 - fx) * fy);
                add(image, x0 + 1, y0 + 1, value * fx * fy);
            }
        }
    }

    /** First sample index r whose distance from the centre, √(offset² + (r − c)²), may be below c + 1.5. */
    private int firstSample(double offset) {
        double halfChord = halfChord(offset);
        return halfChord < 0 ? size : Math.max(0, (int) Math.floor(centre - halfChord));
    }

    /** Last such sample index; below {@link #firstSample} when the ray misses the support. */
    private int lastSample(double offset) {
        double halfChord = halfChord(offset);
        return halfChord < 0 ? -1 : Math.min(size - 1, (int) Math.ceil(centre + halfChord));
    }

    /** Half the length of the ray's chord through the circle of radius c + 1.5; negative if it misses. */
    private double halfChord(double offset) {
        double reach = centre + 1.5;
        double squared = reach * reach - offset * offset;
        return squared < 0 ? -1 : Math.sqrt(squared);
    }

    private float pixel(float[] image, int x, int y) {
        return x < 0 || y < 0 || x >= size || y >= size ? 0f : image[y * size + x];
    }

    private void add(float[] image, int x, int y, double value) {
        if (x >= 0 && y >= 0 && x < size && y < size) {
            image[y * size + x] += (float) value;
        }
    }
}
