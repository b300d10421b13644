package org.diffprior.io;

import java.util.Arrays;

import net.imglib2.Cursor;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.ComplexType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.diffprior.core.InvalidInputException;

/**
 * Conversions between the core's dense arrays and imglib2 images. Towards imglib2 the arrays are
 * wrapped, not copied ({@code ArrayImgs}); back from imglib2 a float {@code ArrayImg} gives its own
 * array (zero-copy) and any other image is copied in flat iteration order (dimension 0 fastest).
 *
 * <pre>{@code
 * Img<FloatType> img = Imglib2Images.wrap(ImageFiles.read(Path.of("slice.tif")));   // width x height (x slices)
 * FloatImage back = Imglib2Images.toFloatImage(img);                                // same array
 * Img<ComplexFloatType> k = Imglib2Images.wrap(Cfl.read(Path.of("kspace")));
 * }</pre>
 */
public final class Imglib2Images {

    private Imglib2Images() {
    }

    /** Wraps the image's array: dimensions width × height, plus slices when there is more than one. */
    public static ArrayImg<FloatType, FloatArray> wrap(FloatImage image) {
        return image.slices() == 1
                ? ArrayImgs.floats(image.data(), image.width(), image.height())
                : ArrayImgs.floats(image.data(), image.width(), image.height(), image.slices());
    }

    /** Wraps the volume's array: dimensions nx × ny × nz (voxel index i fastest). */
    public static ArrayImg<FloatType, FloatArray> wrap(NiftiVolume volume) {
        return ArrayImgs.floats(volume.data(), volume.nx(), volume.ny(), volume.nz());
    }

    /** Wraps the interleaved complex array with the same dimensions (BART order, dimension 0 fastest). */
    public static ArrayImg<ComplexFloatType, FloatArray> wrap(ComplexArray array) {
        return ArrayImgs.complexFloats(array.data(), array.dims());
    }

    /**
     * A 2-D (width × height) or 3-D (width × height × slices) real image as a {@link FloatImage}; shares
     * the array of a float {@code ArrayImg}, copies anything else.
     */
    public static FloatImage toFloatImage(RandomAccessibleInterval<? extends RealType<?>> image) {
        int rank = image.numDimensions();
        if (rank < 2 || rank > 3) {
            throw new InvalidInputException(
                    "image has " + rank + " dimensions; expected width x height or width x height x slices");
        }
        int width = checkedSize(image.dimension(0));
        int height = checkedSize(image.dimension(1));
        int slices = rank == 3 ? checkedSize(image.dimension(2)) : 1;
        float[] shared = sharedFloats(image, (long) width * height * slices);
        if (shared != null) {
            return new FloatImage(width, height, slices, shared);
        }
        float[] data = new float[checkedSize((long) width * height * slices)];
        int n = 0;
        for (RealType<?> value : Views.flatIterable(image)) {
            data[n++] = value.getRealFloat();
        }
        return new FloatImage(width, height, slices, data);
    }

    /**
     * A complex image of 1 to 16 dimensions as a {@link ComplexArray} with the same dimensions; shares
     * the array of a {@code ComplexFloatType} {@code ArrayImg}, copies anything else (real images get a
     * zero imaginary part).
     */
    public static ComplexArray toComplexArray(RandomAccessibleInterval<? extends ComplexType<?>> image) {
        int rank = image.numDimensions();
        if (rank < 1 || rank > 16) {
            throw new InvalidInputException("image has " + rank + " dimensions; a complex array has 1 to 16");
        }
        long[] dims = image.dimensionsAsLongArray();
        long elements = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        checkedSize(2 * elements);
        if (image instanceof ArrayImg<?, ?> arrayImg && arrayImg.firstElement() instanceof ComplexFloatType
                && arrayImg.update(null) instanceof FloatArray access
                && access.getCurrentStorageArray().length == 2 * elements) {
            return new ComplexArray(dims, access.getCurrentStorageArray());
        }
        float[] data = new float[(int) (2 * elements)];
        Cursor<? extends ComplexType<?>> cursor = Views.flatIterable(image).cursor();
        int n = 0;
        while (cursor.hasNext()) {
            ComplexType<?> value = cursor.next();
            data[n++] = value.getRealFloat();
            data[n++] = value.getImaginaryFloat();
        }
        return new ComplexArray(dims, data);
    }

    /** A new image holding a copy of the values, for callers that must not share the array. */
    public static Img<FloatType> copy(FloatImage image) {
        return wrap(new FloatImage(image.width(), image.height(), image.slices(), image.data().clone()));
    }

    private static float[] sharedFloats(RandomAccessibleInterval<?> image, long elements) {
        if (image instanceof ArrayImg<?, ?> arrayImg && arrayImg.firstElement() instanceof FloatType
                && arrayImg.update(null) instanceof FloatArray access
                && access.getCurrentStorageArray().length == elements) {
            return access.getCurrentStorageArray();
        }
        return null;
    }

    private static int checkedSize(long size) {
        if (size > Integer.MAX_VALUE) {
            throw new InvalidInputException(
                    "image too large for one array (" + size + " elements); process it slice by slice");
        }
        return (int) size;
    }
}
