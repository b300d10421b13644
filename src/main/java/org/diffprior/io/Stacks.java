package org.diffprior.io;

import java.util.function.IntFunction;


/**
 * Runs a one-plane task over every plane of a stack and stacks the results, as the command line does for
 * multi-plane inputs (each plane is an independent measurement).
 *
 * <pre>{@code
 * FloatImage images = Stacks.planeByPlane(sinograms.slices(), size, size,
 *         z -> CtReconstruction.run(sinograms.slice(z), angles, size, Method.FBP, FbpFilter.RAM_LAK, progress, cancel));
 * }</pre>
 */
public final class Stacks {

    private Stacks() {
    }

    /** The {@code width}×{@code height}×{@code slices} stack whose plane z is {@code plane.apply(z)}. */
    public static FloatImage planeByPlane(int slices, int width, int height, IntFunction<float[]> plane) {
        int size = width * height;
        float[] data = new float[size * slices];
        for (int z = 0; z < slices; z++) {
            float[] result = plane.apply(z);
            if (result.length != size) {
                throw new IllegalStateException("plane " + z + " has " + result.length + " values, not " + width + "x" + height);
            }
            System.arraycopy(result, 0, data, z * size, size);
        }
        return new FloatImage(width, height, slices, data);
    }
}
