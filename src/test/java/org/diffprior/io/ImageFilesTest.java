package org.diffprior.io;

import static org.diffprior.io.IoTestFiles.assertArrayEqualsExactly;
import static org.diffprior.io.IoTestFiles.assertRefused;
import static org.diffprior.io.IoTestFiles.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * float32 TIFF round trips, TIFF/PNG written by independent tools (tifffile, Pillow:
 * scripts/make_image_fixtures.py) read exactly, and bad files refused with one line.
 */
class ImageFilesTest {

    @TempDir
    Path dir;

    private static FloatImage random(int width, int height, int slices, long seed) {
        Random random = new Random(seed);
        float[] data = new float[width * height * slices];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) (random.nextGaussian() * 1000);
        }
        data[0] = Float.NaN;                 // special values survive too
        data[1] = Float.NEGATIVE_INFINITY;
        data[2] = -0f;
        data[3] = Float.MIN_VALUE;
        return new FloatImage(width, height, slices, data);
    }

    @Test
    void singlePlaneFloat32TiffRoundTripsBitForBit() throws IOException {
        FloatImage image = random(37, 23, 1, 1);
        Tiffs.write(image, dir.resolve("plane.tif"));
        FloatImage back = ImageFiles.read(dir.resolve("plane.tif"));
        assertEquals(37, back.width());
        assertEquals(23, back.height());
        assertEquals(1, back.slices());
        assertArrayEqualsExactly(image.data(), back.data());
    }

    @Test
    void float32TiffStackRoundTripsBitForBit() throws IOException {
        FloatImage image = random(16, 9, 5, 2);
        Tiffs.write(image, dir.resolve("stack.tif"));
        FloatImage back = ImageFiles.read(dir.resolve("stack.tif"));
        assertEquals(5, back.slices());
        assertArrayEqualsExactly(image.data(), back.data());
    }

    @Test
    void writingReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Tiffs.write(random(4, 4, 1, 3), dir.resolve("out.tif"));
        FloatImage second = random(6, 5, 2, 4);
        Tiffs.write(second, dir.resolve("out.tif"));
        assertArrayEqualsExactly(second.data(), ImageFiles.read(dir.resolve("out.tif")).data());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void failedWriteKeepsTheOldOutput() throws IOException {
        Path target = dir.resolve("kept.tif");
        Files.writeString(target, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, temp -> {
            Files.writeString(temp, "half");
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(target));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void outputsNeverReplaceFoldersLinksOrSpecialFilesAndNameTheOutputWhenTheyCannotBeWritten() throws IOException {
        FloatImage image = random(4, 4, 1, 5);
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Tiffs.write(image, folder)).getMessage()
                .contains("is a folder"));
        assertThrows(InvalidInputException.class, () -> Tiffs.write(image, Path.of("/")));
        Path kept = dir.resolve("kept.tif");
        Files.writeString(kept, "old");
        Path link = Files.createSymbolicLink(dir.resolve("link.tif"), kept);
        assertTrue(assertThrows(InvalidInputException.class, () -> Tiffs.write(image, link)).getMessage()
                .contains("link or a special file"));
        assertEquals("old", Files.readString(kept));
        assertTrue(Files.isSymbolicLink(link));
        assertThrows(InvalidInputException.class, () -> Tiffs.write(image, Path.of("/dev/null")));
        // A folder that is a file, and a name too long for the file system: one line naming the output.
        Path underAFile = kept.resolve("out.tif");
        String message = assertThrows(InvalidInputException.class, () -> Tiffs.write(image, underAFile)).getMessage();
        assertTrue(message.startsWith(underAFile.toString()), message);
        Path tooLong = dir.resolve("x".repeat(252) + ".tif");
        message = assertThrows(InvalidInputException.class, () -> Tiffs.write(image, tooLong)).getMessage();
        assertTrue(message.startsWith(tooLong.toString()) && !message.contains(".part"), message);
        try (var files = Files.list(dir)) {
            assertEquals(3, files.count(), "only the folder, the kept file and the link remain");
        }
    }

    @Test
    void readsTifffileFloat32PlaneAndStackExactly() {
        FloatImage stack = ImageFiles.read(fixture("images/stack_float32.tif"));
        assertEquals(5, stack.width());
        assertEquals(4, stack.height());
        assertEquals(3, stack.slices());
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 5; x++) {
                    assertEquals(100 * z + 10 * y + x - 7.625f, stack.get(x, y, z), 0f);
                }
            }
        }
        FloatImage plane = ImageFiles.read(fixture("images/plane_float32.tif"));
        assertEquals(1, plane.slices());
        assertEquals(100 + 10 * 3 + 4 - 7.625f, plane.get(4, 3, 0), 0f);
    }

    @Test
    void readsEightAndSixteenBitPngExactly() {
        FloatImage grey8 = ImageFiles.read(fixture("images/grey8.png"));
        FloatImage grey16 = ImageFiles.read(fixture("images/grey16.png"));
        for (FloatImage image : new FloatImage[] {grey8, grey16}) {
            assertEquals(7, image.width());
            assertEquals(5, image.height());
        }
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(30 * y + 3 * x, grey8.get(x, y, 0), 0f);
                assertEquals(9000 * y + 31 * x, grey16.get(x, y, 0), 0f);
            }
        }
    }

    @Test
    void colourImageIsRefused() {
        Path file = fixture("images/colour.png");
        assertRefused(file, "grey-scale", () -> ImageFiles.read(file));
    }

    @Test
    void missingFileIsRefused() {
        Path file = dir.resolve("absent.tif");
        assertRefused(file, "no such file", () -> ImageFiles.read(file));
    }

    @Test
    void fileThatIsNotAnImageIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.tif"), "this is not a TIFF");
        assertRefused(file, "not an image", () -> ImageFiles.read(file));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertRefused(text, "not an image", () -> ImageFiles.read(text));
    }

    @Test
    void truncatedTiffIsRefused() throws IOException {
        Tiffs.write(random(64, 64, 1, 5), dir.resolve("whole.tif"));
        long size = Files.size(dir.resolve("whole.tif"));
        Path cut = IoTestFiles.truncatedCopy(dir.resolve("whole.tif"), dir.resolve("cut.tif"), size / 2);
        assertRefused(cut, "truncated", () -> ImageFiles.read(cut));
        Tiffs.write(random(32, 32, 4, 6), dir.resolve("stack.tif"));
        Path cutStack = IoTestFiles.truncatedCopy(dir.resolve("stack.tif"), dir.resolve("cut-stack.tif"),
                3 * 32 * 32 * 4);
        assertRefused(cutStack, "truncated", () -> ImageFiles.read(cutStack));
    }
}
