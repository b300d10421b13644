package org.diffprior.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;

import org.diffprior.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MontageTest {

    private static Montage.Panel flat(String title, int size, float value, List<String> figures) {
        float[] pixels = new float[size * size];
        Arrays.fill(pixels, value);
        return new Montage.Panel(title, size, size, pixels, 0, 1, figures);
    }

    /** Red, green and blue of a packed pixel are equal for grey; returns the grey level. */
    private static int grey(BufferedImage picture, int x, int y) {
        int rgb = picture.getRGB(x, y);
        int r = rgb >> 16 & 0xff;
        assertEquals(r, rgb >> 8 & 0xff);
        assertEquals(r, rgb & 0xff);
        return r;
    }

    @Test
    void panelsSitSideBySideEnlargedToOneCellWithTheirGreyLevels() {
        // 16² panels are enlarged 8× (the largest factor) to 128² cells, 10 px apart.
        BufferedImage picture = Montage.render("", List.of(flat("white", 16, 1f, List.of()),
                flat("mid", 16, 0.5f, List.of()), flat("small", 8, 0f, List.of())));
        assertEquals(10 + 3 * (128 + 10), picture.getWidth());
        int middleRow = 10 + 18 + 64;
        assertEquals(255, grey(picture, 10 + 64, middleRow));
        assertEquals(128, grey(picture, 10 + 138 + 64, middleRow));
        // A smaller panel is stretched to the whole cell.
        assertEquals(0, grey(picture, 10 + 2 * 138 + 2, 10 + 18 + 126));
        assertEquals(255, grey(picture, 5, middleRow), "margin");
    }

    @Test
    void figuresAreWrittenUnderTheirPanelOnly() {
        BufferedImage picture = Montage.render("Heading", List.of(flat("a", 64, 0f, List.of("PSNR 30.00 dB")),
                flat("b", 64, 0f, List.of())));
        int cellTop = 10 + 18 + 5 + 18;
        int figuresTop = cellTop + 256 + 5;
        assertTrue(hasDark(picture, 10, figuresTop, 256, 18), "figures of panel a");
        assertFalse(hasDark(picture, 10 + 266, figuresTop, 256, 18), "panel b has none");
        assertTrue(hasDark(picture, 10, 10, 200, 18), "heading");
    }

    private static boolean hasDark(BufferedImage picture, int x0, int y0, int width, int height) {
        for (int y = y0; y < y0 + height; y++) {
            for (int x = x0; x < x0 + width; x++) {
                if ((picture.getRGB(x, y) & 0xff) < 128) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void pngIsWrittenWholeAndAFolderIsRefused(@TempDir Path dir) throws Exception {
        BufferedImage picture = Montage.render("", List.of(flat("a", 8, 1f, List.of("1.00 s"))));
        Path file = dir.resolve("montage.png");
        Montage.writePng(picture, file);
        BufferedImage read = ImageIO.read(file.toFile());
        assertArrayEquals(Montage.rgb(picture), Montage.rgb(read));
        assertThrows(InvalidInputException.class, () -> Montage.writePng(picture, dir));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void rangeLeavesOutTheExtremeHalfPercentEachSide() {
        float[] values = new float[1000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        values[0] = -1e6f;
        values[999] = 1e6f;
        double[] range = Montage.range(values);
        assertEquals(4, range[0]);
        assertEquals(995, range[1]);
        assertArrayEquals(new double[] {2, 3}, Montage.range(new float[] {2, 2}));
    }
}
