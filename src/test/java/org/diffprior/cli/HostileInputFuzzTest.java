package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import org.diffprior.djl.UNet;
import org.diffprior.djl.UNetConfig;
import org.diffprior.djl.WeightFiles;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.TiffBytes;
import org.diffprior.io.Tiffs;
import org.diffprior.physics.CoilArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded corpus of hostile inputs (damaged TIFF structures and streams, .cfl/.hdr pairs, masks, NIfTI volumes,
 * model.json fields and weight headers, option values, output paths) run in-process through the command line.
 * Every case must end within its time limit with status 2 and one line (or 0 where the mutation may leave the
 * input valid), print no stack trace, leave nothing in its output folder, and change none of its inputs.
 */
class HostileInputFuzzTest {

    private static final long SEED = 14;
    private static final int N = 16;
    private static final long CASE_SECONDS = 30;

    /** One command line; {@code mayBeValid}: the generator cannot tell whether the input stays valid. */
    private record Case(String name, List<String> args, boolean mayBeValid) {
    }

    @TempDir
    Path dir;

    private final Random random = new Random(SEED);
    private final List<Case> cases = new ArrayList<>();
    private int counter;
    private Path kspace;
    private Path fullMask;
    private Path lowRes;

    @Test
    void hostileInputsEndInOneLineWithoutHangsTracesLeftoversOrChangedInputs() throws Exception {
        Path base = Files.createDirectories(dir.resolve("base"));
        kspace = base.resolve("k");
        float[] k = new float[2 * N * N];
        for (int i = 0; i < k.length; i++) {
            k[i] = (float) Math.sin(0.7 * i);
        }
        Cfl.write(kspace, new CoilArray(N, N, 1, k).toCfl());
        float[] ones = new float[N * N];
        Arrays.fill(ones, 1f);
        fullMask = base.resolve("mask-ones.tif");
        Tiffs.write(FloatImage.of(N, N, ones), fullMask);
        lowRes = base.resolve("low.tif");
        Tiffs.write(FloatImage.of(8, 8, disc(8)), lowRes);

        tiffCases();
        cflCases();
        maskCases();
        niftiCases();
        dicomCases();
        modelCases();
        optionCases();
        outputCases();
        assertTrue(cases.size() >= 600, "corpus of " + cases.size() + " cases");

        List<String> failures = new ArrayList<>();
        int refused = 0;
        ExecutorService runner = Executors.newSingleThreadExecutor(daemon());
        try {
            for (Case c : cases) {
                String failure = run(c, runner);
                if (failure == null) {
                    continue;
                }
                if (failure.startsWith("HANG")) {
                    runner.shutdownNow();
                    runner = Executors.newSingleThreadExecutor(daemon());
                }
                if (!failure.isEmpty()) {
                    failures.add(c.name + " " + c.args + ": " + failure);
                } else {
                    refused++;
                }
            }
        } finally {
            runner.shutdownNow();
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cases.size() + " cases failed:\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
        // The generator knows most of its inputs are bad: the corpus must not be mostly harmless.
        assertTrue(refused > cases.size() / 2, refused + " of " + cases.size() + " refused");
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        };
    }

    /** Null: passed with status 0; "": passed with status 2; otherwise what went wrong. */
    private String run(Case c, ExecutorService runner) throws Exception {
        Path out = dir.resolve("out").resolve(c.name);
        List<String> args = c.args.stream().map(a -> a.replace("@OUT", out.toString())).toList();
        Files.createDirectories(out);
        Map<Path, String> before = inputs(args);
        PrintStream savedOut = System.out;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        CliRun result;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        try {
            Future<CliRun> future = runner.submit(() -> CliRun.of(args.toArray(String[]::new)));
            try {
                result = future.get(CASE_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                return "HANG: no answer within " + CASE_SECONDS + " s";
            }
        } finally {
            System.setOut(savedOut);
        }
        String printed = stdout.toString(StandardCharsets.UTF_8);
        String all = result.stderr() + printed;
        if (all.contains("\tat ") || all.contains("Exception in") || all.matches("(?s).*\\n\\s+at [a-z].*")) {
            return "stack trace printed: " + all;
        }
        Map<Path, String> after = inputs(args);
        if (!after.equals(before)) {
            return "inputs changed: " + before.keySet();
        }
        if (result.status() == 0 && c.mayBeValid) {
            return null;
        }
        if (result.status() != 2) {
            return "status " + result.status() + ": " + result.stderr().strip();
        }
        // The engine's start-up log (java.util.logging: a time stamp line, then "INFO: ...") is not a message.
        List<String> lines = result.stderr().lines().filter(l -> !l.isBlank() && !l.startsWith("INFO: ")
                && !l.matches("[A-Z][a-z]{2} \\d{1,2}, \\d{4} .*")).toList();
        if (lines.size() != 1 || !lines.get(0).startsWith("diffprior: ") || !printed.isBlank()) {
            return "not one line: " + all;
        }
        if (lines.get(0).contains("internal error")) {
            return lines.get(0);
        }
        try (Stream<Path> left = Files.walk(out)) {
            List<Path> files = left.filter(p -> !p.equals(out)).toList();
            if (!files.isEmpty()) {
                return "left " + files + " after refusing";
            }
        }
        return "";
    }

    /** SHA-256 of every file an argument names (folders: every file inside) and of the folders' listings. */
    private Map<Path, String> inputs(List<String> args) throws IOException {
        Map<Path, String> hashes = new TreeMap<>();
        for (String a : args) {
            Path p;
            try {
                p = Path.of(a);
            } catch (RuntimeException e) {
                continue;
            }
            if (!p.isAbsolute() || !p.startsWith(dir) || p.startsWith(dir.resolve("out"))) {
                continue;
            }
            List<Path> files = new ArrayList<>();
            Path folder = Files.isDirectory(p) ? p : p.getParent();
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> listing = Files.list(folder)) {
                listing.forEach(files::add);
            }
            hashes.put(folder, files.stream().map(f -> f.getFileName().toString()).sorted().toList().toString());
            for (Path f : files) {
                if (Files.isRegularFile(f)) {
                    hashes.put(f, WeightFiles.sha256(f));
                }
            }
        }
        return hashes;
    }

    // ---- corpus -------------------------------------------------------------------------------------------------

    private Path caseFile(String name, byte[] bytes) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in").resolve(String.valueOf(counter)));
        Path file = folder.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private void add(String kind, boolean mayBeValid, String... args) {
        cases.add(new Case(String.format("%03d-%s", counter++, kind), List.of(args), mayBeValid));
    }

    private static float[] disc(int n) {
        float[] image = new float[n * n];
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                double r = Math.hypot(x - n / 2.0 + 0.5, y - n / 2.0 + 0.5);
                image[y * n + x] = r < n / 3.0 ? 1f : 0.1f * ((x + y) % 3);
            }
        }
        return image;
    }

    private Map<String, byte[]> tiffBases() throws IOException {
        float[] image = disc(N);
        ByteBuffer f32 = ByteBuffer.allocate(4 * N * N).order(ByteOrder.LITTLE_ENDIAN);
        byte[] u8 = new byte[N * N];
        ByteBuffer u16 = ByteBuffer.allocate(2 * N * N).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < N * N; i++) {
            f32.putFloat(image[i]);
            u8[i] = (byte) (image[i] * 200);
            u16.putShort((short) (image[i] * 60000));
        }
        Map<String, byte[]> bases = new LinkedHashMap<>();
        bases.put("f32", TiffBytes.of(N, N, 32, 3, 1, 8, TiffBytes.strips(f32.array(), N, 8, 4 * N)));
        bases.put("u8", TiffBytes.of(N, N, 8, 1, 1, N, TiffBytes.strips(u8, N, N, N)));
        bases.put("u16", TiffBytes.of(N, N, 16, 1, 1, 4, TiffBytes.strips(u16.array(), N, 4, 2 * N)));
        Deflater deflater = new Deflater();
        deflater.setInput(f32.array());
        deflater.finish();
        byte[] packed = new byte[8192];
        int length = deflater.deflate(packed);
        deflater.end();
        bases.put("deflate", TiffBytes.of(N, N, 32, 3, 8, N, List.of(Arrays.copyOf(packed, length))));
        ByteBuffer packBits = ByteBuffer.allocate(N * (N + 1));
        for (int y = 0; y < N; y++) {
            packBits.put((byte) (N - 1)).put(u8, y * N, N); // one literal run per row
        }
        bases.put("packbits", TiffBytes.of(N, N, 8, 1, 32773, N, List.of(packBits.array())));
        Path stack = dir.resolve("base").resolve("stack.tif");
        float[] three = new float[3 * N * N];
        for (int z = 0; z < 3; z++) {
            System.arraycopy(image, 0, three, z * N * N, N * N);
        }
        Tiffs.write(new FloatImage(N, N, 3, three), stack);
        bases.put("imagej-stack", Files.readAllBytes(stack));
        return bases;
    }

    private void tiffCase(String kind, byte[] bytes, boolean mayBeValid, boolean mask) throws IOException {
        Path file = caseFile("image.tif", bytes);
        if (mask) {
            add("mask-" + kind, mayBeValid, "mri", "--kspace", kspace.toString(), "--mask", file.toString(),
                    "--method", "zero-filled", "--out", "@OUT/recon.tif");
        } else if (counter % 2 == 0) {
            add("tiff-" + kind, mayBeValid, "simulate", "sr", "--scale", "2", "--image", file.toString(), "--out",
                    "@OUT/low.tif");
        } else {
            add("tiff-" + kind, mayBeValid, "simulate", "ct", "--image", file.toString(), "--angles", "0:180:8",
                    "--out", "@OUT/sino.tif");
        }
    }

    private static boolean isFloat(byte[] tiff) {
        Integer entry = TiffBytes.entries(tiff).get(339);
        return entry != null && TiffBytes.buffer(tiff).getShort(entry + 8) == 3;
    }

    private void tiffCases() throws IOException {
        Map<String, byte[]> bases = tiffBases();
        for (Map.Entry<String, byte[]> e : bases.entrySet()) {
            tiffCase(e.getKey() + "-intact", e.getValue(), true, false);
        }
        mutateTiffs(bases, false, 3);
    }

    /** {@code rounds} passes of every structural mutation over every base. */
    private void mutateTiffs(Map<String, byte[]> bases, boolean mask, int rounds) throws IOException {
        long[] huge = {0, 1, 7, 46341, 65535, 0x7fffffffL, 0xffffffffL, 2_000_000_000L};
        int[] badCompressions = {0, 2, 3, 4, 6, 7, 9, 34712, 12345, 65535};
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, byte[]> e : bases.entrySet()) {
                String name = e.getKey();
                byte[] original = e.getValue();
                boolean handMade = !name.startsWith("imagej");
                Map<Integer, Integer> at = TiffBytes.entries(original);
                byte[] b;
                // Random bytes flipped anywhere.
                b = original.clone();
                for (int i = 1 + random.nextInt(4); i > 0; i--) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
                tiffCase(name + "-flips", b, true, mask);
                // Width or height: zero or far beyond the data.
                b = original.clone();
                TiffBytes.setValue(b, at.get(random.nextBoolean() ? 256 : 257), huge[random.nextInt(huge.length)]);
                tiffCase(name + "-size", b, false, mask);
                // Compression the decoder must refuse.
                b = original.clone();
                TiffBytes.setValue(b, at.get(259), badCompressions[random.nextInt(badCompressions.length)]);
                tiffCase(name + "-compression", b, false, mask);
                // Colour, odd sample sizes or formats.
                b = original.clone();
                int[][] odd = {{277, 3}, {277, 0}, {262, 2}, {262, 3}, {262, 5}, {258, 0}, {258, 12}, {258, 24},
                        {339, 0}, {339, 4}, {339, isFloat(original) ? 1 : 3}};
                int[] pick = odd[random.nextInt(odd.length)];
                if (at.containsKey(pick[0])) {
                    TiffBytes.setValue(b, at.get(pick[0]), pick[1]);
                    // Sample format 1 on float data is a valid (if odd) 32-bit integer image.
                    tiffCase(name + "-sample-" + pick[0] + "=" + pick[1], b, pick[0] == 339 && pick[1] == 1, mask);
                }
                // The page chain loops: to itself, or the header's first-page offset to a page's link.
                b = original.clone();
                TiffBytes.buffer(b).putInt(at.get(TiffBytes.NEXT), at.get(TiffBytes.DIRECTORY));
                tiffCase(name + "-loop", b, false, mask);
                // First page offset: none, inside the header, past the end.
                b = original.clone();
                TiffBytes.buffer(b).putInt(4, new int[] {0, 3, b.length, b.length + 1000, -8}[random.nextInt(5)]);
                tiffCase(name + "-first-page", b, false, mask);
                // Strip offset or byte count impossible (a single strip: the value is the offset itself).
                b = original.clone();
                boolean single = TiffBytes.buffer(b).getInt(at.get(273) + 4) == 1;
                int tag = random.nextBoolean() ? 273 : 279;
                long value = tag == 273 ? new long[] {0, 1, 7, b.length, 0xffffffffL}[random.nextInt(5)]
                        : new long[] {0, b.length, 0xffffffffL}[random.nextInt(3)];
                TiffBytes.setValue(b, at.get(tag), value);
                tiffCase(name + "-strip-" + tag, b, !single, mask);
                // Entry count of the directory: zero or beyond the file.
                b = original.clone();
                TiffBytes.buffer(b).putShort(at.get(TiffBytes.DIRECTORY), (short) (random.nextBoolean() ? 0 : 0xffff));
                tiffCase(name + "-entries", b, false, mask);
                // An entry's type or value count made nonsense.
                b = original.clone();
                int entry = at.get(new int[] {256, 257, 258, 259, 273, 279}[random.nextInt(6)]);
                if (random.nextBoolean()) {
                    TiffBytes.buffer(b).putShort(entry + 2, (short) new int[] {0, 2, 5, 12, 99}[random.nextInt(5)]);
                } else {
                    TiffBytes.buffer(b).putInt(entry + 4, new int[] {0, 0x7fffffff, -1}[random.nextInt(3)]);
                }
                tiffCase(name + "-entry-type", b, false, mask);
                // Truncated: hand-made files lose their directory, ImageJ's lose pixels.
                b = Arrays.copyOf(original, random.nextInt(original.length));
                tiffCase(name + "-truncated", b, !handMade && b.length > original.length - 8, mask);
                // Junk appended after a valid file.
                b = Arrays.copyOf(original, original.length + 1 + random.nextInt(64));
                tiffCase(name + "-appended", b, true, mask);
                // The pixel data replaced by junk: deflate must fail, other codings may decode.
                b = original.clone();
                int start = 8;
                int end = handMade ? at.get(TiffBytes.DIRECTORY) - 8 : b.length;
                for (int i = start; i < end; i++) {
                    if (!handMade && i >= at.get(TiffBytes.DIRECTORY) - 2 && i < at.get(TiffBytes.NEXT) + 4) {
                        continue;
                    }
                    b[i] = (byte) random.nextInt(256);
                }
                tiffCase(name + "-junk-pixels", b, !name.equals("deflate"), mask);
            }
        }
    }

    private void cflCases() throws IOException {
        byte[] header = Files.readAllBytes(Path.of(kspace + ".hdr"));
        byte[] data = Files.readAllBytes(Path.of(kspace + ".cfl"));
        String[] dims = {"", "0 16", "-1 16", "16", "16 16 2", "16 x", "99999999999 99999999999",
                "9223372036854775807 2", "16 16 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "1e3 16", "16 16 0", "16 -16",
                "16 16 1 1 1 1 1 1 1 1 1 1 1 1 1 2", "4294967312 16", "8 32", "32 8", "\u0000\u0001"};
        for (String d : dims) {
            cflCase("dims", ("# Dimensions\n" + d + "\n").getBytes(StandardCharsets.ISO_8859_1), data, false);
        }
        cflCase("no-dimensions-line", "# Something\n16 16\n".getBytes(StandardCharsets.US_ASCII), data, false);
        cflCase("empty-header", new byte[0], data, false);
        byte[] longHeader = new byte[1 << 17];
        Arrays.fill(longHeader, (byte) ' ');
        cflCase("long-header", longHeader, data, false);
        cflCase("dims-padded", "# Dimensions\n16 16 1 1\n".getBytes(StandardCharsets.US_ASCII), data, true);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[random.nextInt(64)];
            random.nextBytes(junk);
            cflCase("junk-header", junk, data, false);
        }
        for (int i = 0; i < 12; i++) {
            int cut = 1 + random.nextInt(8);
            cflCase("data-short", header, Arrays.copyOf(data, data.length - cut), false);
            cflCase("data-long", header, Arrays.copyOf(data, data.length + cut), false);
        }
        cflCase("data-empty", header, new byte[0], false);
        float[] specials = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int i = 0; i < 12; i++) {
            byte[] d = data.clone();
            ByteBuffer.wrap(d).order(ByteOrder.LITTLE_ENDIAN).putFloat(4 * random.nextInt(2 * N * N),
                    specials[i % 3]);
            cflCase("non-finite", header, d, false);
        }
        for (int i = 0; i < 12; i++) {
            byte[] d = data.clone();
            d[random.nextInt(d.length)] ^= (byte) (1 << random.nextInt(8));
            cflCase("data-flip", header, d, true);
        }
        Path folder = Files.createDirectories(dir.resolve("in").resolve(String.valueOf(counter)));
        Files.write(folder.resolve("k.hdr"), header);
        add("cfl-missing-data", false, "mri", "--kspace", folder.resolve("k").toString(), "--mask",
                fullMask.toString(), "--method", "zero-filled", "--out", "@OUT/recon.tif");
        folder = Files.createDirectories(dir.resolve("in").resolve(String.valueOf(counter)));
        Files.write(folder.resolve("k.cfl"), data);
        add("cfl-missing-header", false, "mri", "--kspace", folder.resolve("k.cfl").toString(), "--mask",
                fullMask.toString(), "--method", "zero-filled", "--out", "@OUT/recon.tif");
    }

    private void cflCase(String kind, byte[] header, byte[] data, boolean mayBeValid) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in").resolve(String.valueOf(counter)));
        Files.write(folder.resolve("k.hdr"), header);
        Files.write(folder.resolve("k.cfl"), data);
        add("cfl-" + kind, mayBeValid, "mri", "--kspace", folder.resolve("k").toString(), "--mask",
                fullMask.toString(), "--method", "zero-filled", "--out", "@OUT/recon.tif");
    }

    private void maskCases() throws IOException {
        float[] half = new float[N * N];
        for (int i = 0; i < half.length; i++) {
            half[i] = (i % N) % 2 == 0 || Math.abs(i % N - N / 2) < 2 ? 1f : 0f;
        }
        float[] bad = {0.5f, -1f, 2f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f};
        for (int i = 0; i < 21; i++) {
            float[] m = half.clone();
            int at = random.nextInt(m.length);
            m[at] = bad[i % bad.length];
            // A tiny positive value where the mask is 0 still makes a third level.
            maskCase("value-" + bad[i % bad.length], new FloatImage(N, N, 1, m), false);
        }
        maskCase("all-zero", new FloatImage(N, N, 1, new float[N * N]), false);
        float[] scaled = half.clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 255;
        }
        maskCase("0-255", new FloatImage(N, N, 1, scaled), true);
        maskCase("small", new FloatImage(8, 8, 1, Arrays.copyOf(half, 64)), false);
        maskCase("wide", new FloatImage(2 * N, N, 1, Arrays.copyOf(half, 2 * N * N)), false);
        maskCase("two-slices", new FloatImage(N, N, 2, Arrays.copyOf(half, 2 * N * N)), false);
        byte[] u8 = new byte[N * N];
        for (int i = 0; i < u8.length; i++) {
            u8[i] = (byte) half[i];
        }
        mutateTiffs(Map.of("mask-u8", TiffBytes.of(N, N, 8, 1, 1, N, TiffBytes.strips(u8, N, N, N))), true, 3);
    }

    private void maskCase(String kind, FloatImage mask, boolean mayBeValid) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in").resolve(String.valueOf(counter)));
        Tiffs.write(mask, folder.resolve("mask.tif"));
        add("mask-" + kind, mayBeValid, "mri", "--kspace", kspace.toString(), "--mask",
                folder.resolve("mask.tif").toString(), "--method", "zero-filled", "--out", "@OUT/recon.tif");
    }

    private static byte[] nifti() {
        ByteBuffer b = ByteBuffer.allocate(352 + 4 * N * N * N).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 348);
        short[] dim = {3, N, N, N, 1, 1, 1, 1};
        for (int i = 0; i < 8; i++) {
            b.putShort(40 + 2 * i, dim[i]);
        }
        b.putShort(70, (short) 16).putShort(72, (short) 32); // float32
        for (int i = 0; i < 4; i++) {
            b.putFloat(76 + 4 * i, 1f);
        }
        b.putFloat(108, 352f);
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        for (int i = 0; i < N * N * N; i++) {
            b.putFloat(352 + 4 * i, (float) Math.abs(Math.sin(i * 0.01)) * 100);
        }
        return b.array();
    }

    private void niftiCases() throws IOException {
        byte[] base = nifti();
        niftiCase("intact", base, true, false);
        Object[][] fields = {{0, 0}, {0, 347}, {40, (short) 0}, {40, (short) 8}, {40, (short) -1}, {42, (short) 0},
                {44, (short) -1}, {46, (short) 32767}, {70, (short) 0}, {70, (short) 128},
                {70, (short) 2048}, {70, (short) 999}, {108, Float.NaN}, {108, -1f}, {108, 1e10f}, {108, 1e30f},
                {344, (byte) 'x'}, {346, (byte) 0}, {345, (byte) 'i'}, {72, (short) 64}};
        for (Object[] f : fields) {
            byte[] b = base.clone();
            ByteBuffer buffer = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            int at = (Integer) f[0];
            if (f[1] instanceof Integer v) {
                buffer.putInt(at, v);
            } else if (f[1] instanceof Short v) {
                buffer.putShort(at, v);
            } else if (f[1] instanceof Float v) {
                buffer.putFloat(at, v);
            } else {
                buffer.put(at, (Byte) f[1]);
            }
            // bitpix (72) is not read: the datatype decides.
            niftiCase("field-" + at + "=" + f[1], b, at == 72, false);
        }
        for (int i = 0; i < 15; i++) {
            niftiCase("truncated", Arrays.copyOf(base, random.nextInt(base.length)), false, false);
        }
        for (int i = 0; i < 10; i++) {
            byte[] b = base.clone();
            for (int j = 1 + random.nextInt(3); j > 0; j--) {
                b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
            }
            niftiCase("flips", b, true, false);
        }
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(base);
        }
        byte[] gz = zipped.toByteArray();
        niftiCase("gz-intact", gz, true, true);
        for (int i = 0; i < 6; i++) {
            niftiCase("gz-truncated", Arrays.copyOf(gz, 10 + random.nextInt(gz.length - 20)), false, true);
            byte[] junk = gz.clone();
            for (int j = 20; j < junk.length - 8; j++) {
                junk[j] = (byte) random.nextInt(256);
            }
            niftiCase("gz-junk", junk, false, true);
        }
    }

    /** pydicom's MR_small (explicit little endian, 64x64 16-bit): sizes, sample bits, truncation, flips. */
    private void dicomCases() throws IOException {
        byte[] base;
        try (InputStream in = getClass().getResourceAsStream("/org/diffprior/io/dicom/MR_small.dcm")) {
            base = in.readAllBytes();
        }
        dicomCase("intact", base, true);
        // (0028,0010) rows, (0028,0011) columns, (0028,0100) bits allocated: US values of explicit VR.
        int[][] fields = {{0x10, 0}, {0x10, 1000}, {0x10, 65535}, {0x11, 0}, {0x11, 65535}, {0x11, 1000},
                {0x100, 0}, {0x100, 7}, {0x100, 64}, {0x100, 12}};
        for (int[] f : fields) {
            byte[] b = base.clone();
            byte[] tag = {0x28, 0, (byte) f[0], (byte) (f[0] >> 8), 'U', 'S', 2, 0};
            int at = indexOf(b, tag);
            assertTrue(at > 0, "fixture holds (0028," + Integer.toHexString(f[0]) + ")");
            ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(at + 8, (short) f[1]);
            dicomCase("field-" + Integer.toHexString(f[0]) + "=" + f[1], b, f[0] == 0x100);
        }
        for (int i = 0; i < 15; i++) {
            // The pixel data close the file: every cut loses pixels.
            dicomCase("truncated", Arrays.copyOf(base, random.nextInt(base.length)), false);
        }
        for (int i = 0; i < 15; i++) {
            byte[] b = base.clone();
            for (int j = 1 + random.nextInt(4); j > 0; j--) {
                b[random.nextInt(1400)] ^= (byte) (1 << random.nextInt(8));
            }
            dicomCase("header-flips", b, true);
        }
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer : for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void dicomCase(String kind, byte[] bytes, boolean mayBeValid) throws IOException {
        Path file = caseFile("slice.dcm", bytes);
        add("dicom-" + kind, mayBeValid, "simulate", "sr", "--scale", "2", "--image", file.toString(), "--out",
                "@OUT/low.tif");
    }

    private void niftiCase(String kind, byte[] bytes, boolean mayBeValid, boolean gz) throws IOException {
        Path file = caseFile(gz ? "brain.nii.gz" : "brain.nii", bytes);
        add("nifti-" + kind, mayBeValid, "data", "--colin27", file.toString(), "--out", "@OUT/data", "--no-dicom",
                "--sizes", "16");
    }

    private void modelCases() throws IOException {
        // A bundled card with the tiny network and zero weights: small files keep the cases cheap.
        JsonObject json;
        try (InputStream c = getClass().getResourceAsStream("/models/ct-64/model.json")) {
            json = JsonParser.parseString(new String(c.readAllBytes(), StandardCharsets.UTF_8)).getAsJsonObject();
        }
        UNetConfig tiny = UNetConfig.tiny(1);
        JsonObject network = json.getAsJsonObject("network");
        network.add("levelChannels", new com.google.gson.Gson().toJsonTree(tiny.levelChannels()));
        network.addProperty("embeddingFrequencies", tiny.embeddingFrequencies());
        network.addProperty("embeddingChannels", tiny.embeddingChannels());
        Map<String, long[]> shapes = new UNet(tiny).parameterShapes();
        Map<String, float[]> zeros = new LinkedHashMap<>();
        shapes.forEach(
                (name, shape) -> zeros.put(name, new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)]));
        Path weightsFile = dir.resolve("base").resolve("weights.bin");
        WeightFiles.write(weightsFile, zeros, shapes);
        byte[] weights = Files.readAllBytes(weightsFile);
        byte[] card = rehash(json, weights);
        json = JsonParser.parseString(new String(card, StandardCharsets.UTF_8)).getAsJsonObject();
        List<Consumer<JsonObject>> edits = new ArrayList<>();
        edits.add(o -> o.add("network", new JsonObject()));
        edits.add(o -> o.add("network", JsonNull.INSTANCE));
        edits.add(o -> o.remove("network"));
        for (String channels : new String[] {"[]", "[0]", "[15]", "[16, 17]", "[100000]",
                "[16,16,16,16,16,16,16,16,16]", "[-16]", "null", "\"x\""}) {
            edits.add(o -> o.getAsJsonObject("network").add("levelChannels", JsonParser.parseString(channels)));
        }
        for (int groups : new int[] {0, 7, -1, 3, 1 << 20}) {
            edits.add(o -> o.getAsJsonObject("network").addProperty("groups", groups));
        }
        for (int c : new int[] {0, -16, 17, 1 << 20}) {
            edits.add(o -> o.getAsJsonObject("network").addProperty("embeddingChannels", c));
        }
        for (int f : new int[] {0, -1, 1 << 20}) {
            edits.add(o -> o.getAsJsonObject("network").addProperty("embeddingFrequencies", f));
        }
        edits.add(o -> o.getAsJsonObject("network").addProperty("imageChannels", 2));
        for (int c : new int[] {0, 3, -1}) {
            edits.add(o -> o.addProperty("imageChannels", c));
        }
        for (String format : new String[] {"onnx", "", "DJL"}) {
            edits.add(o -> o.addProperty("format", format));
        }
        edits.add(o -> o.remove("format"));
        for (String schedule : new String[] {"linear", "", "VP-COSINE"}) {
            edits.add(o -> o.addProperty("schedule", schedule));
        }
        edits.add(o -> o.remove("schedule"));
        for (int size : new int[] {0, -64, 1 << 20}) {
            edits.add(o -> o.addProperty("trainingSize", size));
        }
        for (double shift : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            edits.add(o -> o.add("normalisationShift", new JsonPrimitive(shift)));
        }
        for (double scale : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            edits.add(o -> o.add("normalisationScale", new JsonPrimitive(scale)));
        }
        edits.add(o -> o.addProperty("parameterisation", "score"));
        edits.add(o -> o.remove("parameterisation"));
        edits.add(o -> o.add("files", new JsonObject()));
        edits.add(o -> o.remove("files"));
        edits.add(o -> o.getAsJsonObject("files").addProperty("weights.bin", "00"));
        edits.add(o -> o.getAsJsonObject("files").remove("weights.bin"));
        edits.add(o -> o.add("files", new JsonArray()));
        for (Consumer<JsonObject> edit : edits) {
            JsonObject copy = json.deepCopy();
            edit.accept(copy);
            String text = new com.google.gson.GsonBuilder().serializeSpecialFloatingPointValues().create()
                    .toJson((JsonElement) copy);
            modelCase("field", text.getBytes(StandardCharsets.UTF_8), weights);
        }
        for (String text : new String[] {"", "{", "[]", "null", "42", "{\"format\": \"djl\"}", "\u0000\u00ff"}) {
            modelCase("json", text.getBytes(StandardCharsets.UTF_8), weights);
        }
        // Damaged weight headers whose checksum is updated, so the reader itself must refuse them.
        int[][] headerEdits = {{0, 0}, {4, -1}, {4, 0x7fffffff}, {4, 0}};
        for (int[] h : headerEdits) {
            byte[] w = weights.clone();
            ByteBuffer.wrap(w).putInt(h[0], h[1]);
            modelCase("weights-header", rehash(json, w), w);
        }
        // The first tensor's rank: after magic, count and its name (a modified-UTF-8 string).
        int rankAt = 8 + 2 + (ByteBuffer.wrap(weights).getShort(8) & 0xffff);
        for (int rank : new int[] {-1, 0, 9, 0x7fffffff}) {
            byte[] w = weights.clone();
            ByteBuffer.wrap(w).putInt(rankAt, rank);
            modelCase("weights-rank", rehash(json, w), w);
        }
        for (long dim : new long[] {-1, 0, 1L << 40, Long.MAX_VALUE}) {
            byte[] w = weights.clone();
            ByteBuffer.wrap(w).putLong(rankAt + 4, dim);
            modelCase("weights-dim", rehash(json, w), w);
        }
        for (int i = 0; i < 6; i++) {
            byte[] w = Arrays.copyOf(weights, random.nextInt(weights.length));
            modelCase("weights-truncated", rehash(json, w), w);
        }
        modelCase("weights-flip", card, flip(weights));
        byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        JsonObject script = json.deepCopy();
        script.addProperty("format", "torchscript");
        script.remove("network");
        JsonObject files = new JsonObject();
        files.addProperty("model.pt", sha256(garbage));
        script.add("files", files);
        Path folder = Files.createDirectories(dir.resolve("in").resolve(String.valueOf(counter)));
        Files.write(folder.resolve("model.json"), script.toString().getBytes(StandardCharsets.UTF_8));
        Files.write(folder.resolve("model.pt"), garbage);
        addModel("torchscript-garbage", folder);
    }

    private byte[] flip(byte[] bytes) {
        byte[] b = bytes.clone();
        b[random.nextInt(b.length)] ^= 1;
        return b;
    }

    private static byte[] rehash(JsonObject json, byte[] weights) throws IOException {
        JsonObject copy = json.deepCopy();
        copy.getAsJsonObject("files").addProperty("weights.bin", sha256(weights));
        return copy.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) throws IOException {
        return WeightFiles.sha256(new java.io.ByteArrayInputStream(bytes));
    }

    private void modelCase(String kind, byte[] card, byte[] weights) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("in").resolve(String.valueOf(counter)));
        Files.write(folder.resolve("model.json"), card);
        Files.write(folder.resolve("weights.bin"), weights);
        addModel(kind, folder);
    }

    private void addModel(String kind, Path folder) {
        add("model-" + kind, false, "sr", "--input", lowRes.toString(), "--scale", "2", "--model", folder.toString(),
                "--steps", "2", "--out", "@OUT/high.tif");
    }

    private void optionCases() throws IOException {
        Path image = caseFile("image.tif", tiffBases().get("f32"));
        Path sinogram = dir.resolve("base").resolve("sino.tif");
        assertEquals(0, CliRun.of("simulate", "ct", "--image", image.toString(), "--angles", "0:180:8", "--out",
                sinogram.toString()).status());
        String img = image.toString();
        String[] numbers = {"0", "-1", "NaN", "Infinity", "-Infinity", "1e308", "99999999999", "abc", "", " ",
                "2147483648", "-2147483649", "1,5"};
        option(numbers, v -> new String[] {"simulate", "sr", "--scale", v, "--image", img, "--out", "@OUT/o.tif"});
        option(new String[] {"17", "3", "1000"},
                v -> new String[] {"simulate", "sr", "--scale", v, "--image", img, "--out", "@OUT/o.tif"});
        option(new String[] {"-1", "NaN", "Infinity", "abc"}, v -> new String[] {"simulate", "sr", "--scale", "2",
                "--noise-sigma", v, "--image", img, "--out", "@OUT/o.tif"});
        option(new String[] {"foo", ""}, v -> new String[] {"simulate", "sr", "--scale", "2", "--degradation", v,
                "--image", img, "--out", "@OUT/o.tif"});
        String[] angles = {"", "0:180:0", "0:180:2000000000", "0:0:5", "a:b:c", "0:180", "1e400", "NaN", ",,",
                "0:180:-1", "0:180:65537", dir.resolve("missing.json").toString(), "0:180:8:1", "0,NaN,90",
                "1e400:2:3"};
        option(angles, v -> new String[] {"simulate", "ct", "--image", img, "--angles", v, "--out", "@OUT/o.tif"});
        option(new String[] {"0", "-1", "NaN", "1e19", "Infinity", "abc", "1e16"}, v -> new String[] {"simulate",
                "ct", "--image", img, "--angles", "0:180:8", "--i0", v, "--out", "@OUT/o.tif"});
        option(new String[] {"0", "-1", "NaN", "abc"}, v -> new String[] {"simulate", "ct", "--image", img,
                "--angles", "0:180:8", "--attenuation-per-pixel", v, "--out", "@OUT/o.tif"});
        String sino = sinogram.toString();
        option(new String[] {"0", "1", "-5", "46341", "16385", "99999999999", "abc"}, v -> new String[] {"ct",
                "--sinogram", sino, "--angles", "0:180:8", "--method", "fbp", "--size", v, "--out", "@OUT/o.tif"});
        option(new String[] {"0:180:7", "0:180:2000000000", "0:180:9", "0,90"}, v -> new String[] {"ct",
                "--sinogram", sino, "--angles", v, "--method", "fbp", "--out", "@OUT/o.tif"});
        option(new String[] {"foo", ""}, v -> new String[] {"ct", "--sinogram", sino, "--angles", "0:180:8",
                "--method", v, "--out", "@OUT/o.tif"});
        option(new String[] {"foo"}, v -> new String[] {"ct", "--sinogram", sino, "--angles", "0:180:8",
                "--method", "fbp", "--filter", v, "--out", "@OUT/o.tif"});
        option(new String[] {"0", "-1", "9", "100000"}, v -> new String[] {"ct", "--sinogram", sino, "--angles",
                "0:180:8", "--method", "sart", "--subsets", v, "--out", "@OUT/o.tif"});
        option(new String[] {"0", "2", "NaN", "-1"}, v -> new String[] {"ct", "--sinogram", sino, "--angles",
                "0:180:8", "--method", "sart", "--relaxation", v, "--out", "@OUT/o.tif"});
        option(new String[] {"0", "-1"}, v -> new String[] {"ct", "--sinogram", sino, "--angles", "0:180:8",
                "--method", "sart", "--iterations", v, "--out", "@OUT/o.tif"});
        option(new String[] {"0", "-1", "NaN", "Infinity"}, v -> new String[] {"ct", "--sinogram", sino, "--angles",
                "0:180:8", "--method", "fbp", "--i0", v, "--out", "@OUT/o.tif"});
        String low = lowRes.toString();
        option(new String[] {"0", "-1", "5000", "abc"},
                v -> new String[] {"sr", "--input", low, "--scale", v, "--method", "bicubic", "--out", "@OUT/o.tif"});
        option(new String[] {"foo"},
                v -> new String[] {"sr", "--input", low, "--scale", "2", "--method", v, "--out", "@OUT/o.tif"});
        String[][] diffusion = {{"--steps", "0"}, {"--steps", "100000"}, {"--steps", "-1"},
                {"--samples", "0"}, {"--samples", "-1"}, {"--samples", "100000"}, {"--eta", "-1"}, {"--eta", "NaN"},
                {"--eta", "2"}, {"--cg-iterations", "-1"}, {"--cg-iterations", "1000000"}, {"--start-noise", "-1"},
                {"--start-noise", "NaN"}, {"--start-noise", "2"}, {"--model", "no-such-model"},
                {"--model", dir.resolve("missing").toString()}, {"--noise-sigma", "-1"}, {"--noise-sigma", "NaN"}};
        for (String[] d : diffusion) {
            add("option-sr" + d[0], false, "sr", "--input", low, "--scale", "2", "--method", "diffusion", d[0], d[1],
                    "--out", "@OUT/o.tif");
        }
        String k = kspace.toString();
        String mask = fullMask.toString();
        option(new String[] {"foo", ""}, v -> new String[] {"mri", "--kspace", k, "--mask", mask, "--method", v,
                "--out", "@OUT/o.tif"});
        option(new String[] {"-1", "NaN", "Infinity"}, v -> new String[] {"mri", "--kspace", k, "--mask", mask,
                "--method", "tv", "--lambda", v, "--out", "@OUT/o.tif"});
        option(new String[] {"0", "-1"}, v -> new String[] {"mri", "--kspace", k, "--mask", mask, "--method", "tv",
                "--iterations", v, "--out", "@OUT/o.tif"});
        option(new String[] {"-1", "NaN", "abc"}, v -> new String[] {"mri", "--kspace", k, "--mask", mask,
                "--method", "zero-filled", "--noise-sigma", v, "--out", "@OUT/o.tif"});
        String[][] simulateMri = {{"--acceleration", "0"}, {"--acceleration", "0.5"}, {"--acceleration", "NaN"},
                {"--acceleration", "1e9"}, {"--acceleration", "abc"}, {"--center-fraction", "-0.1"},
                {"--center-fraction", "2"}, {"--center-fraction", "NaN"}, {"--coils", "0"}, {"--coils", "-1"},
                {"--coils", "100000"}, {"--noise-sigma", "-1"}, {"--noise-sigma", "NaN"}, {"--mask", "foo"}};
        for (String[] s : simulateMri) {
            add("option-simulate-mri" + s[0], false, "simulate", "mri", "--image", img, s[0], s[1], "--out-kspace",
                    "@OUT/k", "--out-mask", "@OUT/m.tif");
        }
        String[][] ads = {{"--particles", "0"}, {"--particles", "1"}, {"--particles", "100000"},
                {"--particles", "-1"}, {"--steps", "0"}, {"--steps", "1"}, {"--steps", "100000"},
                {"--acceleration", "0"}, {"--acceleration", "NaN"}, {"--rule", "foo"}, {"--window", "a"},
                {"--window", "0.5:0.2"}, {"--window", "-1:2"}, {"--lines-per-acquisition", "0"},
                {"--lines-per-acquisition", "-1"}, {"--lines-per-acquisition", "100000"}, {"--sigma-e", "-1"},
                {"--sigma-e", "NaN"}, {"--center-fraction", "2"}};
        for (String[] a : ads) {
            add("option-ads" + a[0], false, "ads", "--kspace", k, a[0], a[1], "--out", "@OUT/o.tif", "--mask-out",
                    "@OUT/m.tif");
        }
        String[][] train = {{"--batch", "0"}, {"--batch", "-1"}, {"--batch", "100000"}, {"--size", "0"},
                {"--size", "7"}, {"--size", "100000"}, {"--size", "17"}, {"--steps", "0"}, {"--steps", "-1"},
                {"--learning-rate", "0"}, {"--learning-rate", "-1"}, {"--learning-rate", "NaN"},
                {"--learning-rate", "Infinity"}, {"--channels", "0"}, {"--channels", "3"},
                {"--checkpoint-every", "-1"}, {"--device", "foo"}, {"--images", dir.resolve("none.tif").toString()}};
        for (String[] t : train) {
            add("option-train" + t[0], false, "train", "--images", img, t[0], t[1], "--out", "@OUT/model");
        }
        Path brain = Files.write(dir.resolve("base").resolve("brain.nii"), nifti());
        option(new String[] {"0", "7", "5000", "abc", "-8"}, v -> new String[] {"data", "--colin27",
                brain.toString(), "--sizes", v, "--out", "@OUT/data", "--no-dicom"});
        Path dot = caseFile("dot.tif", TiffBytes.of(1, 1, 32, 3, 1, 1, List.of(new byte[4])));
        add("option-simulate-ct-1x1", false, "simulate", "ct", "--image", dot.toString(), "--angles", "0:180:8",
                "--out", "@OUT/o.tif");
        add("option-unknown", false, "simulate", "sr", "--scale", "2", "--image", img, "--out", "@OUT/o.tif",
                "--frobnicate");
        add("option-missing", false, "simulate", "sr", "--image", img, "--out", "@OUT/o.tif");
        add("option-bad-command", false, "reconstruct-everything");
    }

    private void option(String[] values, java.util.function.Function<String, String[]> args) {
        for (String v : values) {
            String[] a = args.apply(v);
            add("option-" + a[0] + "-" + a[1], false, a);
        }
    }

    private void outputCases() throws IOException {
        Path image = caseFile("image.tif", tiffBases().get("f32"));
        String img = image.toString();
        Path file = caseFile("plain.txt", "not a folder".getBytes(StandardCharsets.US_ASCII));
        String[] outs = {"@OUT", "/", "@OUT/missing/deeper/o.tif", "@OUT/" + "a".repeat(300) + ".tif",
                file + "/o.tif", "@OUT/"};
        for (String out : outs) {
            // A missing parent folder may be created.
            boolean mayBeValid = out.contains("missing");
            add("output-sr", mayBeValid, "simulate", "sr", "--scale", "2", "--image", img, "--out", out);
            add("output-ct", mayBeValid, "simulate", "ct", "--image", img, "--angles", "0:180:8", "--out", out);
            add("output-mri", mayBeValid, "mri", "--kspace", kspace.toString(), "--mask", fullMask.toString(),
                    "--method",
                    "zero-filled", "--out", out);
        }
    }
}
