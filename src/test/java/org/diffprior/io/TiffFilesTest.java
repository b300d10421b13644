package org.diffprior.io;

import static org.diffprior.io.IoTestFiles.assertArrayEqualsExactly;
import static org.diffprior.io.IoTestFiles.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hostile TIFFs of issue 14: each is refused within a second, naming the file and the problem. */
class TiffFilesTest {

    private static final int N = 16;

    @TempDir
    Path dir;

    private static float[] ramp() {
        float[] values = new float[N * N];
        for (int i = 0; i < values.length; i++) {
            values[i] = i - 100.5f;
        }
        return values;
    }

    private static byte[] plain() {
        return TiffBytes.of(N, N, 32, 3, 1, 8, TiffBytes.strips(TiffBytes.floats(ramp()), N, 8, 4 * N));
    }

    private static byte[] deflated(int keep) {
        Deflater deflater = new Deflater();
        deflater.setInput(TiffBytes.floats(ramp()));
        deflater.finish();
        byte[] packed = new byte[1 << 14];
        int length = deflater.deflate(packed);
        deflater.end();
        return TiffBytes.of(N, N, 32, 3, 8, N, List.of(Arrays.copyOf(packed, Math.min(length, keep))));
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** Refused within a second with the problem named, and nothing printed on the console. */
    private void refused(Path file, String problem) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(console, true, StandardCharsets.UTF_8));
            assertTimeoutPreemptively(Duration.ofSeconds(1),
                    () -> assertRefused(file, problem, () -> ImageFiles.read(file)));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals("", console.toString(StandardCharsets.UTF_8), "printed while reading " + file);
    }

    @Test
    void intactStripsAndDeflateReadExactly() throws IOException {
        assertArrayEqualsExactly(ramp(), ImageFiles.read(write("plain.tif", plain())).data());
        assertArrayEqualsExactly(ramp(), ImageFiles.read(write("deflate.tif", deflated(Integer.MAX_VALUE))).data());
    }

    @Test
    void pageChainThatLoopsIsRefused() throws IOException {
        byte[] bytes = plain();
        Map<Integer, Integer> at = TiffBytes.entries(bytes);
        TiffBytes.buffer(bytes).putInt(at.get(TiffBytes.NEXT), at.get(TiffBytes.DIRECTORY));
        refused(write("loop.tif", bytes), "loops");
    }

    @Test
    void truncatedDeflateStreamIsRefused() throws IOException {
        byte[] whole = deflated(Integer.MAX_VALUE);
        int length = TiffBytes.buffer(whole).getInt(TiffBytes.entries(whole).get(279) + 8);
        refused(write("cut-deflate.tif", deflated(length * 2 / 3)), "does not decode");
        // 100 bytes cannot inflate to 8 MB (deflate expands at most 1032-fold): refused before decoding.
        byte[] small = TiffBytes.of(1, 2_000_000, 32, 3, 8, 2_000_000, List.of(new byte[100]));
        refused(write("inflate-bomb.tif", small), "more than compression 8 can give");
    }

    @Test
    void junkInCompressedStripsIsRefusedNotDecodedAsZeros() throws IOException {
        byte[] junk = new byte[300];
        new java.util.Random(3).nextBytes(junk);
        // PackBits decodes any bytes; junk shorter than the 64x64 pixels it must give runs out.
        refused(write("packbits.tif", TiffBytes.of(64, 64, 8, 1, 32773, 64, List.of(junk))), "does not decode");
        refused(write("lzw.tif", TiffBytes.of(N, N, 8, 1, 5, N, List.of(junk))), "does not decode");
        refused(write("deflate-junk.tif", TiffBytes.of(N, N, 32, 3, 8, N, List.of(junk))), "does not decode");
    }

    @Test
    void unsupportedCompressionsAreRefusedByName() throws IOException {
        byte[] bytes = plain();
        TiffBytes.setValue(bytes, TiffBytes.entries(bytes).get(259), 7);
        refused(write("jpeg.tif", bytes), "compression 7 (JPEG");
        TiffBytes.setValue(bytes, TiffBytes.entries(bytes).get(259), 12345);
        refused(write("unknown.tif", bytes), "compression 12345");
    }

    @Test
    void declaredSizesBeyondTheFileOrAPlaneAreRefusedBeforeAllocating() throws IOException {
        for (long[] size : new long[][] {{65535, 65535}, {46341, 46341}}) {
            byte[] bytes = plain();
            Map<Integer, Integer> at = TiffBytes.entries(bytes);
            TiffBytes.setValue(bytes, at.get(256), size[0]);
            TiffBytes.setValue(bytes, at.get(257), size[1]);
            refused(write("wide-" + size[0] + ".tif", bytes), "too large for one plane");
        }
        // 16 KB declaring 1 x 2e9 pixels: ImageJ allocated until it ran out of memory.
        byte[] bomb = TiffBytes.of(1, 2_000_000_000, 8, 1, 1, 2_000_000_000, List.of(new byte[16_000]));
        refused(write("bomb.tif", bomb), "its pixels need 2000000000");
    }

    @Test
    void stripsOutsideTheFileOrInsideTheHeaderAreRefused() throws IOException {
        byte[] bytes = TiffBytes.of(N, N, 32, 3, 1, N, List.of(TiffBytes.floats(ramp())));
        TiffBytes.setValue(bytes, TiffBytes.entries(bytes).get(273), 0);
        refused(write("offset0.tif", bytes), "inside the TIFF header");
        byte[] whole = plain();
        refused(write("cut.tif", Arrays.copyOf(whole, whole.length - 10)), "truncated");
    }

    @Test
    void colourAndOddSamplesAreRefused() throws IOException {
        int[][] edits = {{277, 3}, {262, 2}, {258, 12}, {339, 4}};
        for (int[] edit : edits) {
            byte[] bytes = plain();
            TiffBytes.setValue(bytes, TiffBytes.entries(bytes).get(edit[0]), edit[1]);
            refused(write("odd-" + edit[0] + ".tif", bytes), edit[0] == 258 || edit[0] == 339 ? "not supported"
                    : "colour");
        }
    }

    @Test
    void imageJCalibrationOfSixteenBitDataIsApplied() throws IOException {
        // ImageJ stores signed 16-bit data shifted by 32768 with a straight-line calibration in its description.
        String description = "ImageJ=1.54f\nimages=1\ncf=0\nc0=-32768.0\nc1=1.0\nvunit=Gray Value\n\0";
        ByteBuffer pixels = ByteBuffer.allocate(2 * N * N).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < N * N; i++) {
            pixels.putShort((short) (32768 + i - 100));
        }
        byte[] image = TiffBytes.of(N, N, 16, 1, 1, N, List.of(pixels.array()));
        // Append the description and point a replaced entry (photometric, default 1) at it.
        byte[] text = description.getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = Arrays.copyOf(image, image.length + text.length);
        System.arraycopy(text, 0, bytes, image.length, text.length);
        int entry = TiffBytes.entries(bytes).get(262);
        TiffBytes.buffer(bytes).putShort(entry, (short) 270).putShort(entry + 2, (short) 2)
                .putInt(entry + 4, text.length).putInt(entry + 8, image.length);
        float[] read = ImageFiles.read(write("signed.tif", bytes)).data();
        for (int i = 0; i < N * N; i++) {
            assertEquals(i - 100, read[i], 0f);
        }
        assertTrue(read[0] < 0);
    }
}
