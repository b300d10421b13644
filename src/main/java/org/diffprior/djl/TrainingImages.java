package org.diffprior.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;

/**
 * Training images in memory, each scaled by its own maximum magnitude to [0, 1] (the same robust
 * scaling the task layer applies), and augmented crops drawn from them: random position, flips,
 * 90-degree rotations, intensity jitter and, for complex images, a random global phase.
 *
 * <p>Real images: every plane of every file is one image. Complex images ({@code channels == 2}):
 * consecutive planes of a stack are the real and imaginary parts.
 *
 * <pre>{@code
 * TrainingImages images = TrainingImages.read(List.of(Path.of("train.tif")), 1);
 * float[] batch = images.randomCrops(8, 64, random);
 * }</pre>
 */
public final class TrainingImages {

    private final int channels;
    private final List<float[]> images; // interleaved planes: channel-major (C, H, W)
    private final List<int[]> sizes;    // {height, width}

    private TrainingImages(int channels, List<float[]> images, List<int[]> sizes) {
        this.channels = channels;
        this.images = images;
        this.sizes = sizes;
    }

    /** Reads files or directories (every image file inside, sorted). */
    public static TrainingImages read(List<Path> paths, int channels) {
        List<float[]> images = new ArrayList<>();
        List<int[]> sizes = new ArrayList<>();
        for (Path file : expand(paths)) {
            FloatImage image = ImageFiles.read(file);
            if (image.slices() % channels != 0) {
                throw new InvalidInputException(file + ": a complex training stack needs real/imaginary plane pairs");
            }
            int plane = image.width() * image.height();
            for (int z = 0; z < image.slices(); z += channels) {
                float[] data = new float[channels * plane];
                System.arraycopy(image.data(), z * plane, data, 0, channels * plane);
                if (normalise(data, channels)) {
                    images.add(data);
                    sizes.add(new int[] {image.height(), image.width()});
                }
            }
        }
        if (images.isEmpty()) {
            throw new InvalidInputException("no non-empty training images in " + paths);
        }
        return new TrainingImages(channels, images, sizes);
    }

    private static List<Path> expand(List<Path> paths) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> list = Files.list(p)) {
                    list.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new InvalidInputException(p + ": cannot list (" + e.getMessage() + ")");
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                throw new InvalidInputException(p + ": no such file or directory");
            }
        }
        return files;
    }

    /** Scales to maximum magnitude 1; false for an all-zero image, which teaches nothing. */
    private static boolean normalise(float[] data, int channels) {
        int plane = data.length / channels;
        double max = 0;
        for (int i = 0; i < plane; i++) {
            double m = 0;
            for (int c = 0; c < channels; c++) {
                m += data[c * plane + i] * (double) data[c * plane + i];
            }
            max = Math.max(max, Math.sqrt(m));
        }
        if (!(max > 0)) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (data[i] / max);
        }
        return true;
    }

    public int size() {
        return images.size();
    }

    public int channels() {
        return channels;
    }

    /** Smallest height or width among the images. */
    public int smallestSide() {
        return sizes.stream().mapToInt(s -> Math.min(s[0], s[1])).min().orElse(0);
    }

    /** Image {@code index} as channel-major planes (C, H, W); shared, do not modify. */
    public float[] image(int index) {
        return images.get(index);
    }

    public int height(int index) {
        return sizes.get(index)[0];
    }

    public int width(int index) {
        return sizes.get(index)[1];
    }

    /** {@code count} augmented crops of {@code size}×{@code size}, as (count, C, size, size). */
    public float[] randomCrops(int count, int size, SplittableRandom random) {
        float[] batch = new float[count * channels * size * size];
        for (int b = 0; b < count; b++) {
            int index = random.nextInt(images.size());
            int height = height(index);
            int width = width(index);
            int top = random.nextInt(height - size + 1);
            int left = random.nextInt(width - size + 1);
            int rotation = random.nextInt(4);
            boolean flip = random.nextBoolean();
            double gain = 0.75 + 0.25 * random.nextDouble();
            double phase = channels == 2 ? 2 * Math.PI * random.nextDouble() : 0;
            float[] source = images.get(index);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int u = flip ? size - 1 - x : x;
                    int v = y;
                    for (int k = 0; k < rotation; k++) { // rotate (u, v) by 90 degrees
                        int t = u;
                        u = size - 1 - v;
                        v = t;
                    }
                    int sourceIndex = (top + v) * width + left + u;
                    int plane = height * width;
                    int target = (b * channels) * size * size + y * size + x;
                    if (channels == 1) {
                        batch[target] = (float) (gain * source[sourceIndex]);
                    } else {
                        double re = source[sourceIndex];
                        double im = source[plane + sourceIndex];
                        batch[target] = (float) (gain * (re * Math.cos(phase) - im * Math.sin(phase)));
                        batch[target + size * size] = (float) (gain * (re * Math.sin(phase) + im * Math.cos(phase)));
                    }
                }
            }
        }
        return batch;
    }
}
