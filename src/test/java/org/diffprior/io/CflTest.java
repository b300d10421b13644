package org.diffprior.io;

import static org.diffprior.io.IoTestFiles.assertArrayEqualsExactly;
import static org.diffprior.io.IoTestFiles.assertRefused;
import static org.diffprior.io.IoTestFiles.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BART .cfl/.hdr: round trips up to 16 dimensions, a BART-written fixture, BART itself when installed, bad pairs. */
class CflTest {

    @TempDir
    Path dir;

    private static ComplexArray random(long[] dims, long seed) {
        long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
        float[] data = new float[(int) (2 * n)];
        Random random = new Random(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return new ComplexArray(dims, data);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 8, 11, 14, 16})
    void roundTripKeepsDimensionsAndValuesBitForBit(int rank) throws IOException {
        long[] dims = new long[rank];
        for (int d = 0; d < rank; d++) {
            dims[d] = d < 3 ? 3 + d : (d % 3 == 0 ? 2 : 1);
        }
        dims[rank - 1] = 2; // a non-trivial last dimension, so nothing is dropped as trailing 1
        ComplexArray original = random(dims, rank);
        Cfl.write(dir.resolve("a.cfl"), original);
        ComplexArray back = Cfl.read(dir.resolve("a"));
        assertArrayEquals(dims, back.dims());
        assertArrayEqualsExactly(original.data(), back.data());
    }

    @Test
    void headerHasSixteenDimensionsAndDataIsLittleEndianInterleaved() throws IOException {
        ComplexArray array = new ComplexArray(new long[] {2, 1, 1, 1}, new float[] {1.5f, -2f, 3.25f, 0.5f});
        Cfl.write(dir.resolve("b"), array);
        List<String> header = Files.readAllLines(dir.resolve("b.hdr"));
        assertEquals("# Dimensions", header.get(0));
        assertEquals("2 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", header.get(1).trim());
        byte[] bytes = Files.readAllBytes(dir.resolve("b.cfl"));
        assertEquals(16, bytes.length);
        // 1.5f = 0x3FC00000 stored little-endian.
        assertArrayEquals(new byte[] {0, 0, (byte) 0xC0, 0x3F}, Arrays.copyOf(bytes, 4));
        assertArrayEquals(new long[] {2}, Cfl.read(dir.resolve("b.hdr")).dims());
    }

    /** Fixture written by BART v0.8.00 (scripts/make_bart_fixture.sh) against BART's own text dump. */
    @Test
    void readsBartWrittenPhantomKspaceAsBartShowsIt() throws IOException {
        ComplexArray k = Cfl.read(fixture("bart/phantom_kspace.cfl"));
        assertArrayEquals(new long[] {8, 8, 1, 2}, k.dims());
        float[] shown = parseBartShow(Files.readString(fixture("bart/phantom_kspace.txt")));
        assertEquals(k.data().length, shown.length);
        for (int i = 0; i < shown.length; i++) {
            // "%+.9e" prints float32 values with enough digits to be exact.
            assertEquals(shown[i], k.data()[i], 0f, "element " + i);
        }
    }

    /** Live interplay with BART when it is installed (CI installs the Debian package bart). */
    @Test
    void bartReadsWhatWeWriteAndWeReadWhatBartWrites() throws Exception {
        assumeTrue(onPath("bart"), "bart is not on PATH");
        ComplexArray original = random(new long[] {4, 3, 1, 2}, 7);
        Cfl.write(dir.resolve("in"), original);
        run("bart", "scale", "2", dir.resolve("in").toString(), dir.resolve("scaled").toString());
        ComplexArray scaled = Cfl.read(dir.resolve("scaled"));
        assertArrayEquals(original.dims(), scaled.dims());
        for (int i = 0; i < original.data().length; i++) {
            assertEquals(2 * original.data()[i], scaled.data()[i], 1e-6f * Math.abs(original.data()[i]) + 1e-7f);
        }
        run("bart", "phantom", "-x", "16", "-s", "3", "-k", dir.resolve("phantom").toString());
        String shown = run("bart", "show", "-f", "%+.9e%+.9ei", dir.resolve("phantom").toString());
        ComplexArray phantom = Cfl.read(dir.resolve("phantom"));
        assertArrayEquals(new long[] {16, 16, 1, 3}, phantom.dims());
        assertArrayEqualsExactly(parseBartShow(shown), phantom.data());
    }

    @Test
    void missingHalfOfThePairIsRefused() throws IOException {
        Cfl.write(dir.resolve("c"), random(new long[] {2, 2}, 1));
        Files.delete(dir.resolve("c.cfl"));
        assertRefused(dir.resolve("c.cfl"), "data file missing", () -> Cfl.read(dir.resolve("c")));
        assertRefused(dir.resolve("nothing.hdr"), "header missing", () -> Cfl.read(dir.resolve("nothing")));
    }

    @Test
    void truncatedDataIsRefused() throws IOException {
        Cfl.write(dir.resolve("d"), random(new long[] {4, 4}, 2));
        IoTestFiles.truncatedCopy(dir.resolve("d.cfl"), dir.resolve("d.cfl"), 100);
        assertRefused(dir.resolve("d.cfl"), "truncated", () -> Cfl.read(dir.resolve("d")));
    }

    @Test
    void dimensionsThatDoNotMatchTheDataAreRefused() throws IOException {
        Cfl.write(dir.resolve("e"), random(new long[] {4, 4}, 3));
        Files.writeString(dir.resolve("e.hdr"), "# Dimensions\n4 5 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n");
        assertRefused(dir.resolve("e.cfl"), "need", () -> Cfl.read(dir.resolve("e")));
    }

    @Test
    void malformedHeadersAreRefused() throws IOException {
        Files.write(dir.resolve("f.cfl"), new byte[8]);
        String[][] cases = {
                {"# Dimensions\n4 x 1\n", "not a list of integers"},
                {"# Dimensions\n1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1\n", "1 to 16"},
                {"# Dimensions\n0 1\n", "positive"},
                {"# Dimensions\n\n", "1 to 16"},
                {"hello\n", "not a BART header"},
                {"\u0000\u00ff\u00fe", "not a BART header"},
                {"# Dimensions\n99999999999 99999999999 99999999999\n", "too large"},
        };
        for (String[] c : cases) {
            Files.writeString(dir.resolve("f.hdr"), c[0], java.nio.charset.StandardCharsets.ISO_8859_1);
            assertRefused(dir.resolve("f.hdr"), c[1], () -> Cfl.read(dir.resolve("f")));
        }
    }

    private static float[] parseBartShow(String text) {
        List<Float> values = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            // each token is re followed by signed im and 'i', e.g. +2.1e+02-8.7e+01i
            String body = token.substring(0, token.length() - 1);
            int split = -1;
            for (int i = 1; i < body.length(); i++) {
                char c = body.charAt(i);
                if ((c == '+' || c == '-') && body.charAt(i - 1) != 'e') {
                    split = i;
                    break;
                }
            }
            values.add(Float.parseFloat(body.substring(0, split)));
            values.add(Float.parseFloat(body.substring(split)));
        }
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }
}
