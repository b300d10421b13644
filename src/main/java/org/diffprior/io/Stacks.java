package org.diffprior.io;

import java.util.function.IntFunction;

/**
 * The one place where planes become a stack: runs a one-plane task over every plane of a stack, or gathers
 * planes already made, and stacks the results in order (each plane is an independent measurement or output).
 *
 * <pre>{@code
 * FloatImage images = Stacks.planeByPlane(sinograms.slices(), size, size,
 *         z -> CtReconstruction.run(sinograms.slice(z), angles, size, Method.FBP, FbpFilter.RAM_LAK, progress, cancel));
 * FloatImage samples = Stacks.planeByPlane(k, width, height, s -> samplesArray[s]);
 * }</pre>
 */
public final class Stacks {

    private Stacks() {
    }

    /** The {@code width}×{@code height}×{@code slices} stack whose plane z is {@code plane.apply(z)}. */
    public static FloatImage planeByPlane(int slices, int width, int height, IntFunction<float[]> plane) {
        int size = width * height;
        if ((long) size * slices > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "a " + width + "x" + height + "x" + slices + " stack does not fit one array");
        }
        float[] data = new float[size * slices];
        for (int z = 0; z < slices; z++) {
            float[] result = plane.apply(z);
            if (result.length != size) {
                throw new IllegalStateException(
                        "plane " + z + " has " + result.length + " values, not " + width + "x" + height);
            }
            System.arraycopy(result, 0, data, z * size, size);
        }
        return new FloatImage(width, height, slices, data);
    }
}
