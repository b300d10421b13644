package org.diffprior.ij1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.plugin.PlugIn;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import org.diffprior.command.CtReconstructionCommand;
import org.diffprior.command.MriReconstructionCommand;
import org.diffprior.command.SuperResolutionCommand;
import org.diffprior.core.CancelToken;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ProgressListener;
import org.junit.jupiter.api.Test;
import org.scijava.plugin.Plugin;

/**
 * The ImageJ 1.x commands without their dialogs (which need a display; scripts/test-imagej-window.sh runs them in
 * a real ImageJ window): menus, result windows, titles and pixel sizes, keyed errors.
 */
class Ij1PluginsTest {

    private static final DiffusionFields CLASSICAL = new DiffusionFields("", 30, 1, 0, 0, 5, false, true);

    /** A smooth picture with 1.5 mm pixels, named like a file. */
    private static ImagePlus picture(int size) {
        float[] pixels = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double r = Math.hypot(x - size / 2.0, y - size / 2.0) / (size / 2.0);
                pixels[y * size + x] = (float) (r < 0.8 ? 1 - r * r : 0.1);
            }
        }
        ImagePlus image = new ImagePlus("head.tif", new FloatProcessor(size, size, pixels));
        Calibration calibration = new Calibration();
        calibration.pixelWidth = 1.5;
        calibration.pixelHeight = 1.5;
        calibration.setUnit("mm");
        image.setCalibration(calibration);
        return image;
    }

    private static Map<String, ImagePlus> byTitle(List<ImagePlus> windows) {
        Map<String, ImagePlus> map = new TreeMap<>();
        for (ImagePlus window : windows) {
            map.put(window.getTitle(), window);
        }
        return map;
    }

    private static void assertPixelSize(double expected, ImagePlus image) {
        assertEquals("mm", image.getCalibration().getUnit(), image.getTitle());
        assertEquals(expected, image.getCalibration().pixelWidth, 1e-12, image.getTitle());
        assertEquals(expected, image.getCalibration().pixelHeight, 1e-12, image.getTitle());
    }

    @Test
    void pluginsConfigPutsEachCommandUnderTheFijiCommandsMenuLabel() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        for (Class<?> fiji : List.of(MriReconstructionCommand.class, CtReconstructionCommand.class,
                SuperResolutionCommand.class)) {
            String menuPath = fiji.getAnnotation(Plugin.class).menuPath();
            expected.put(menuPath.substring(menuPath.lastIndexOf('>') + 1),
                    "org.diffprior.ij1." + fiji.getSimpleName().replace("Command", "Plugin"));
        }
        Map<String, String> entries = new TreeMap<>();
        try (InputStream in = Ij1PluginsTest.class.getClassLoader().getResourceAsStream("plugins.config")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(",");
                assertEquals("Plugins>DiffPrior", parts[0].trim(), line);
                String label = parts[1].trim().replace("\"", "");
                String className = parts[2].trim();
                assertTrue(PlugIn.class.isAssignableFrom(Class.forName(className)), className);
                assertEquals(null, entries.put(label, className), "duplicate entry " + label);
            }
        }
        assertEquals(expected, entries);
    }

    @Test
    void superResolutionShowsTheResultWithHalvedPixelsAndTheMontage() {
        ImagePlus image = picture(16);
        float[] before = ((float[]) image.getProcessor().getPixels()).clone();
        Map<String, ImagePlus> windows = byTitle(SuperResolutionPlugin.run(image, false, 2, "bicubic", 0, "bicubic",
                false, CLASSICAL, ProgressListener.NONE, CancelToken.none()));
        assertEquals(List.of("head x2 bicubic", "head x2 bicubic montage"), new ArrayList<>(windows.keySet()));
        ImagePlus result = windows.get("head x2 bicubic");
        assertEquals(32, result.getWidth());
        assertPixelSize(0.75, result);
        assertEquals(24, windows.get("head x2 bicubic montage").getBitDepth());
        assertArrayEquals(before, (float[]) image.getProcessor().getPixels(), "input unchanged");
    }

    @Test
    void simulatedSuperResolutionKeepsThePictureScaleAndShowsTheLowResImage() {
        Map<String, ImagePlus> windows = byTitle(SuperResolutionPlugin.run(picture(17), true, 2, "box", 0, "lanczos",
                false, CLASSICAL, ProgressListener.NONE, CancelToken.none()));
        assertPixelSize(1.5, windows.get("head x2 lanczos"));
        assertEquals(16, windows.get("head x2 lanczos").getWidth());
        assertPixelSize(3.0, windows.get("head low-res"));
        assertEquals(8, windows.get("head low-res").getWidth());
    }

    @Test
    void diffusionShowsTheStdMapWithTheResultsPixelSize() {
        DiffusionFields fields = new DiffusionFields("", 2, 2, 0, 0, 1, true, false);
        Map<String, ImagePlus> windows = byTitle(SuperResolutionPlugin.run(picture(16), false, 2, "bicubic", 0,
                "diffusion", false, fields, ProgressListener.NONE, CancelToken.none()));
        assertEquals(List.of("head x2 diffusion", "head x2 diffusion samples", "head x2 diffusion std"),
                new ArrayList<>(windows.keySet()));
        ImagePlus std = windows.get("head x2 diffusion std");
        assertPixelSize(0.75, std);
        assertTrue(std.getStatistics().mean > 0, "two samples differ somewhere");
        assertEquals(2, windows.get("head x2 diffusion samples").getStackSize());
    }

    @Test
    void ctAndMriSimulateFromThePictureAndShowTheirMeasurements() throws Exception {
        Map<String, ImagePlus> ct = byTitle(CtReconstructionPlugin.run(picture(24), true, "", 18, 0, "fbp",
                "ram-lak", CLASSICAL, ProgressListener.NONE, CancelToken.none()));
        assertEquals(List.of("head CT fbp", "head CT fbp montage", "head FBP", "head sinogram"),
                new ArrayList<>(ct.keySet()));
        assertEquals(18, ct.get("head sinogram").getHeight());
        assertPixelSize(1.5, ct.get("head CT fbp"));
        MriReconstructionPlugin.Parameters mri = new MriReconstructionPlugin.Parameters(true, "", "", "", true, 2,
                "equispaced", 0, 1, 0, false, "zero-filled", 0);
        Map<String, ImagePlus> windows = byTitle(MriReconstructionPlugin.run(picture(24), mri, CLASSICAL,
                ProgressListener.NONE, CancelToken.none()));
        assertEquals(List.of("head MRI zero-filled", "head MRI zero-filled montage", "head sampling mask",
                "head zero-filled"), new ArrayList<>(windows.keySet()));
        assertPixelSize(1.5, windows.get("head MRI zero-filled"));
        MriReconstructionPlugin.Parameters adaptAuto = new MriReconstructionPlugin.Parameters(true, "", "", "", true,
                2, "equispaced", 0, 1, 0, false, "auto", 5);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MriReconstructionPlugin
                .run(picture(24), adaptAuto, CLASSICAL, ProgressListener.NONE, CancelToken.none()));
        assertTrue(e.message(Ij1Command::macroKey).startsWith("adapt_steps= adapts the prior for method= diffusion"),
                e.message(Ij1Command::macroKey));
    }

    @Test
    void badValuesNameTheirMacroKey() {
        DiffusionFields noSteps = new DiffusionFields("", 0, 2, 0, 0, 1, false, false);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SuperResolutionPlugin.run(picture(16), false, 2, "bicubic", 0, "diffusion", false, noSteps,
                        ProgressListener.NONE, CancelToken.none()));
        assertTrue(e.message(Ij1Command::macroKey).startsWith("steps="), e.message(Ij1Command::macroKey));
        ImagePlus colour = new ImagePlus("rgb", new ColorProcessor(8, 8));
        assertThrows(InvalidInputException.class, () -> SuperResolutionPlugin.run(colour, false, 2, "bicubic", 0,
                "bicubic", false, CLASSICAL, ProgressListener.NONE, CancelToken.none()));
    }
}
