package org.diffprior.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.diffprior.active.ProductMixture;
import org.diffprior.core.Metrics;
import org.diffprior.io.Cfl;
import org.diffprior.io.FloatImage;
import org.diffprior.io.ImageFiles;
import org.diffprior.physics.CoilArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdsCommandTest {

    private static final int HEIGHT = 16;
    private static final int WIDTH = 32;
    private static final int[] INFORMATIVE = {5, 9, 22, 27};
    private static final ProductMixture MIXTURE = new ProductMixture(HEIGHT, WIDTH, INFORMATIVE, 3);

    @TempDir
    Path dir;

    private AdsCommand.ModelResolver saved;
    private String errors;

    @BeforeEach
    void analyticPrior() {
        saved = AdsCommand.models;
        AdsCommand.models = (model, height, width) -> new AdsCommand.Prior(MIXTURE.prior, 1.0);
    }

    @AfterEach
    void restore() {
        AdsCommand.models = saved;
    }

    private int run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true));
        try {
            return DiffPriorCli.commandLine().execute(args);
        } finally {
            System.setErr(old);
            errors = buffer.toString();
        }
    }

    private Path kspace(int pattern) throws Exception {
        Path file = dir.resolve("full.cfl");
        Cfl.write(file, new CoilArray(HEIGHT, WIDTH, 1, MIXTURE.kspaces[pattern]).toCfl());
        return file;
    }

    @Test
    void writesImageMaskOrderStdAndFilling() throws Exception {
        Path k = kspace(6);
        int status = run("ads", "--kspace", k.toString(), "--out", dir.resolve("x.tif").toString(),
                "--mask-out", dir.resolve("m.tif").toString(), "--order-out", dir.resolve("order.csv").toString(),
                "--std-out", dir.resolve("std.tif").toString(), "--filling-out", dir.resolve("fill.tif").toString(),
                "--acceleration", "4", "--center-fraction", "0", "--steps", "20", "--window", "0:0.5", "--seed", "1");
        assertEquals(0, status, errors);
        FloatImage image = ImageFiles.read(dir.resolve("x.tif"));
        assertEquals(WIDTH, image.width());
        assertTrue(Metrics.psnr(MIXTURE.magnitude(6), image.data()) > 40);
        List<String> rows = Files.readAllLines(dir.resolve("order.csv"));
        assertEquals("order,step,column,kind", rows.get(0));
        assertEquals(1 + WIDTH / 4, rows.size());
        assertEquals("0,-1,16,calibration", rows.get(1));
        Set<Integer> firstActive = rows.subList(2, 2 + INFORMATIVE.length).stream()
                .map(r -> Integer.parseInt(r.split(",")[2])).collect(Collectors.toSet());
        assertEquals(Arrays.stream(INFORMATIVE).boxed().collect(Collectors.toSet()), firstActive);
        FloatImage mask = ImageFiles.read(dir.resolve("m.tif"));
        Set<Integer> maskColumns = new java.util.HashSet<>();
        for (int x = 0; x < WIDTH; x++) {
            if (mask.get(x, 0, 0) != 0) {
                maskColumns.add(x);
            }
        }
        assertEquals(rows.stream().skip(1).map(r -> Integer.parseInt(r.split(",")[2])).collect(Collectors.toSet()),
                maskColumns);
        FloatImage filling = ImageFiles.read(dir.resolve("fill.tif"));
        assertEquals(WIDTH / 4 - 1, filling.slices());
        assertEquals(ImageFiles.read(dir.resolve("std.tif")).width(), WIDTH);
    }

    @Test
    void badOptionsAreBadInputWithOneLine() throws Exception {
        Path k = kspace(0);
        String[] base = {"ads", "--kspace", k.toString(), "--out", dir.resolve("x.tif").toString(), "--mask-out",
                dir.resolve("m.tif").toString()};
        for (String[] extra : List.of(new String[] {"--rule", "bogus"}, new String[] {"--window", "0.5"},
                new String[] {"--acceleration", "0.5"}, new String[] {"--estimate-sens", "--center-fraction", "0"},
                new String[] {"--particles", "1"})) {
            String[] args = java.util.stream.Stream.concat(Arrays.stream(base), Arrays.stream(extra))
                    .toArray(String[]::new);
            assertEquals(2, run(args), String.join(" ", extra));
            assertEquals(1, errors.strip().lines().count(), errors);
        }
        assertFalse(Files.exists(dir.resolve("x.tif")), "no output after bad input");
    }

    @Test
    void runsWithADjlModelDirectory() throws Exception {
        AdsCommand.models = saved; // the real resolver: DJL model store
        float[] image = new float[16 * 16];
        for (int y = 4; y < 12; y++) {
            for (int x = 5; x < 11; x++) {
                image[y * 16 + x] = 1f;
            }
        }
        float[] k = new float[2 * image.length];
        for (int i = 0; i < image.length; i++) {
            k[2 * i] = image[i];
        }
        new org.diffprior.physics.CenteredFft2(16, 16).forward(k);
        Path file = dir.resolve("small.cfl");
        Cfl.write(file, new CoilArray(16, 16, 1, k).toCfl());
        int status = run("ads", "--kspace", file.toString(), "--out", dir.resolve("x.tif").toString(),
                "--mask-out", dir.resolve("m.tif").toString(), "--model", "src/test/resources/models/torchscript-tiny",
                "--particles", "2", "--steps", "4", "--acceleration", "4", "--center-fraction", "0.125");
        assertEquals(0, status, errors);
        FloatImage mask = ImageFiles.read(dir.resolve("m.tif"));
        int columns = 0;
        for (int x = 0; x < 16; x++) {
            columns += mask.get(x, 0, 0) != 0 ? 1 : 0;
        }
        assertEquals(4, columns, "floor(16 / 4) columns including the 2 calibration columns");
        FloatImage out = ImageFiles.read(dir.resolve("x.tif"));
        for (float v : out.data()) {
            assertTrue(Float.isFinite(v));
        }
    }

    @Test
    void multiCoilWithSensitivitiesEstimatedFromTheCalibrationColumns() throws Exception {
        int coils = 4;
        CoilArray maps = org.diffprior.physics.CoilSensitivities.simulate(HEIGHT, WIDTH, coils);
        float[] ones = new float[HEIGHT * WIDTH];
        Arrays.fill(ones, 1f);
        float[] k = new float[2 * coils * HEIGHT * WIDTH];
        float[] blob = new float[2 * HEIGHT * WIDTH]; // a smooth object, as ESPIRiT expects of an MR image
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                double r2 = Math.pow((y - HEIGHT / 2.0) / (HEIGHT / 3.0), 2)
                        + Math.pow((x - WIDTH / 2.0) / (WIDTH / 3.0), 2);
                blob[2 * (y * WIDTH + x)] = (float) Math.exp(-r2);
            }
        }
        new org.diffprior.physics.MultiCoilCartesianMri(HEIGHT, WIDTH, ones, maps.data(), coils).apply(blob, k);
        Path file = dir.resolve("coils.cfl");
        Cfl.write(file, new CoilArray(HEIGHT, WIDTH, coils, k).toCfl());
        int status = run("ads", "--kspace", file.toString(), "--out", dir.resolve("x.tif").toString(),
                "--mask-out", dir.resolve("m.tif").toString(), "--estimate-sens", "--center-fraction", "0.25",
                "--acceleration", "2", "--steps", "10", "--particles", "4");
        assertEquals(0, status, errors);
        FloatImage mask = ImageFiles.read(dir.resolve("m.tif"));
        int columns = 0;
        for (int x = 0; x < WIDTH; x++) {
            columns += mask.get(x, 0, 0) != 0 ? 1 : 0;
        }
        assertEquals(WIDTH / 2, columns);
        assertEquals(2, run("ads", "--kspace", file.toString(), "--out", dir.resolve("y.tif").toString(),
                "--mask-out", dir.resolve("n.tif").toString()), "multi-coil data without maps is bad input");
        assertTrue(errors.contains("--sens"), errors);
    }
}
