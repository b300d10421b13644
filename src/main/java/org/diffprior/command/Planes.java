package org.diffprior.command;

import java.awt.image.BufferedImage;

import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.ARGBType;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.io.Imglib2Images;
import org.diffprior.io.Montage;
import org.diffprior.io.Stacks;

/**
 * The commands' imglib2 boundary: one 2-D plane in (a copy, so the user's image is never changed) and
 * float images out, wrapped with {@code ArrayImgs}.
 *
 * <pre>{@code
 * FloatImage picture = Planes.in(image, "image");
 * reconstruction = Planes.out(picture.width(), picture.height(), pixels);
 * }</pre>
 */
final class Planes {

    private Planes() {
    }

    /** The single plane of a 2-D image (or a 3-D image with one slice); {@code name} is the macro key. */
    static FloatImage in(RandomAccessibleInterval<? extends RealType<?>> image, String name) {
        if (image == null) {
            throw new InvalidInputException(name + ": no image given; open an image first");
        }
        FloatImage plane = Imglib2Images.toFloatImage(image);
        if (plane.slices() != 1) {
            throw new InvalidInputException(name + ": has " + plane.slices()
                    + " slices; DiffPrior commands take one 2-D image (Image > Duplicate... one slice)");
        }
        return new FloatImage(plane.width(), plane.height(), 1, plane.data().clone());
    }

    static Img<FloatType> out(int width, int height, float[] pixels) {
        return ArrayImgs.floats(pixels, width, height);
    }

    /** An RGB picture (a montage) as an ARGB image. */
    static Img<ARGBType> rgb(BufferedImage picture) {
        return ArrayImgs.argbs(Montage.rgb(picture), picture.getWidth(), picture.getHeight());
    }

    /** A width × height × planes stack. */
    static Img<FloatType> stack(int width, int height, float[][] planes) {
        return ArrayImgs.floats(Stacks.planeByPlane(planes.length, width, height, k -> planes[k]).data(), width, height,
                planes.length);
    }
}
