package org.diffprior.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.imglib2.RandomAccess;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.type.numeric.complex.ComplexFloatType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;
import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;

/** imglib2 conversions: positions agree with FloatImage/ComplexArray indexing, arrays are shared where promised. */
class Imglib2ImagesTest {

    private static float[] ramp(int n) {
        float[] data = new float[n];
        for (int i = 0; i < n; i++) {
            data[i] = i * 0.5f - 3;
        }
        return data;
    }

    @Test
    void wrappedFloatImageSharesTheArrayAndAgreesOnPositions() {
        FloatImage image = new FloatImage(5, 4, 3, ramp(60));
        ArrayImg<FloatType, FloatArray> img = Imglib2Images.wrap(image);
        assertArrayEquals(new long[] {5, 4, 3}, img.dimensionsAsLongArray());
        assertSame(image.data(), img.update(null).getCurrentStorageArray());
        RandomAccess<FloatType> access = img.randomAccess();
        access.setPosition(new long[] {3, 2, 1});
        assertEquals(image.get(3, 2, 1), access.get().get(), 0f);
        FloatImage back = Imglib2Images.toFloatImage(img);
        assertSame(image.data(), back.data());
        assertEquals(3, back.slices());
        assertArrayEquals(new long[] {7, 2}, Imglib2Images.wrap(FloatImage.of(7, 2, ramp(14))).dimensionsAsLongArray());
    }

    @Test
    void viewsAndOtherTypesAreCopiedInFlatOrder() {
        FloatImage image = new FloatImage(6, 5, 1, ramp(30));
        var cropped = Views.interval(Imglib2Images.wrap(image), new long[] {1, 2}, new long[] {4, 3}); // 4 x 2
        FloatImage copy = Imglib2Images.toFloatImage(cropped);
        assertEquals(4, copy.width());
        assertEquals(2, copy.height());
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(image.get(x + 1, y + 2, 0), copy.get(x, y, 0), 0f);
            }
        }
        var shorts = ArrayImgs.unsignedShorts(new short[] {1, 2, 3, (short) 65535}, 2, 2);
        FloatImage fromShorts = Imglib2Images.toFloatImage(shorts);
        assertEquals(65535f, fromShorts.get(1, 1, 0), 0f);
        assertEquals(2f, fromShorts.get(1, 0, 0), 0f);
        FloatImage copied = Imglib2Images.toFloatImage(Imglib2Images.copy(image));
        assertNotSame(image.data(), copied.data());
        assertArrayEquals(image.data(), copied.data());
    }

    @Test
    void complexArrayWrapsInterleavedWithBartDimensionOrder() {
        long[] dims = {4, 3, 1, 2};
        ComplexArray array = new ComplexArray(dims, ramp(48));
        ArrayImg<ComplexFloatType, FloatArray> img = Imglib2Images.wrap(array);
        assertArrayEquals(dims, img.dimensionsAsLongArray());
        RandomAccess<ComplexFloatType> access = img.randomAccess();
        access.setPosition(new long[] {2, 1, 0, 1});
        int index = 2 + 4 * (1 + 3 * (0 + 1 * 1));
        assertEquals(array.data()[2 * index], access.get().getRealFloat(), 0f);
        assertEquals(array.data()[2 * index + 1], access.get().getImaginaryFloat(), 0f);
        ComplexArray back = Imglib2Images.toComplexArray(img);
        assertSame(array.data(), back.data());
        assertArrayEquals(dims, back.dims());
    }

    @Test
    void complexViewsAndRealImagesAreCopied() {
        ComplexArray array = new ComplexArray(new long[] {4, 3}, ramp(24));
        var view = Views.interval(Imglib2Images.wrap(array), new long[] {1, 1}, new long[] {2, 2});
        ComplexArray copy = Imglib2Images.toComplexArray(view);
        assertArrayEquals(new long[] {2, 2}, copy.dims());
        int source = 2 + 4 * 2; // (2, 2)
        assertEquals(array.data()[2 * source], copy.data()[2 * 3], 0f);
        assertEquals(array.data()[2 * source + 1], copy.data()[2 * 3 + 1], 0f);
        ComplexArray fromReal = Imglib2Images.toComplexArray(ArrayImgs.floats(new float[] {1, 2, 3}, 3));
        assertArrayEquals(new float[] {1, 0, 2, 0, 3, 0}, fromReal.data());
    }

    @Test
    void wrongRanksAreRefused() {
        assertThrows(InvalidInputException.class, () -> Imglib2Images.toFloatImage(ArrayImgs.floats(3)));
        assertThrows(InvalidInputException.class, () -> Imglib2Images.toFloatImage(ArrayImgs.floats(2, 2, 2, 2)));
    }
}
