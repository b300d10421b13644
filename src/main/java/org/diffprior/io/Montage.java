package org.diffprior.io;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

/**
 * Images side by side with a title above and figures below each, as one RGB picture: what a reconstruction looks
 * like next to its input and a classical method, for people who would rather look than read. Every panel is
 * stretched (nearest neighbour, so pixels stay visible) to one cell of the largest panel's size, enlarged by a
 * whole factor to at least {@link #MIN_CELL} pixels high.
 *
 * <pre>{@code
 * BufferedImage picture = Montage.render("MRI x4", List.of(new Montage.Panel("zero-filled", w, h, zf, 0, 1, List.of())));
 * Montage.writePng(picture, Path.of("montage.png"));
 * }</pre>
 */
public final class Montage {

    /** Smallest cell height in pixels: 64² panels are enlarged to 256². */
    public static final int MIN_CELL = 256;

    private static final int MAX_ZOOM = 8;
    private static final int MARGIN = 10;
    private static final int LINE = 18;

    /**
     * One picture: {@code pixels} is {@code height × width} row-major, shown grey from {@code low} (black) to
     * {@code high} (white); {@code figures} are the lines written under it.
     */
    public record Panel(String title, int width, int height, float[] pixels, double low, double high,
            List<String> figures) {

        public Panel {
            if (width <= 0 || height <= 0 || (long) width * height != pixels.length) {
                throw new IllegalArgumentException(
                        "panel " + title + ": " + pixels.length + " pixels for " + width + "x" + height);
            }
            figures = List.copyOf(figures);
        }
    }

    private Montage() {
    }

    /** The panels in a row under a heading (may be empty). */
    public static BufferedImage render(String heading, List<Panel> panels) {
        if (panels.isEmpty()) {
            throw new IllegalArgumentException("a montage needs at least one panel");
        }
        int width = 0;
        int height = 0;
        int lines = 0;
        for (Panel panel : panels) {
            width = Math.max(width, panel.width());
            height = Math.max(height, panel.height());
            lines = Math.max(lines, panel.figures().size());
        }
        int zoom = Math.max(1, Math.min(MAX_ZOOM, (MIN_CELL + height - 1) / height));
        int cellWidth = width * zoom;
        int cellHeight = height * zoom;
        int top = MARGIN + (heading.isEmpty() ? 0 : LINE + MARGIN / 2);
        int totalWidth = MARGIN + panels.size() * (cellWidth + MARGIN);
        int totalHeight = top + LINE + cellHeight + MARGIN / 2 + lines * LINE + MARGIN;
        BufferedImage picture = new BufferedImage(totalWidth, totalHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, totalWidth, totalHeight);
            g.setColor(Color.BLACK);
            if (!heading.isEmpty()) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
                g.drawString(fit(heading, g.getFontMetrics(), totalWidth - 2 * MARGIN), MARGIN, MARGIN + LINE - 4);
            }
            for (int i = 0; i < panels.size(); i++) {
                Panel panel = panels.get(i);
                int x = MARGIN + i * (cellWidth + MARGIN);
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
                g.drawString(fit(panel.title(), g.getFontMetrics(), cellWidth), x, top + LINE - 5);
                g.drawImage(grey(panel), x, top + LINE, cellWidth, cellHeight, null);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
                for (int line = 0; line < panel.figures().size(); line++) {
                    g.drawString(fit(panel.figures().get(line), g.getFontMetrics(), cellWidth), x,
                            top + LINE + cellHeight + MARGIN / 2 + (line + 1) * LINE - 5);
                }
            }
        } finally {
            g.dispose();
        }
        return picture;
    }

    /** The picture's pixels as packed RGB ints, row-major (for an ImageJ or imglib2 image). */
    public static int[] rgb(BufferedImage picture) {
        return picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
    }

    /** Writes the picture as PNG, whole or not at all ({@link AtomicFiles}). */
    public static void writePng(BufferedImage picture, Path target) throws IOException {
        AtomicFiles.write(target, pngWriter(picture));
    }

    /** The picture as a PNG writer, to stage with other outputs in an {@link AtomicFiles.Transaction}. */
    public static AtomicFiles.Writer pngWriter(BufferedImage picture) {
        return temp -> {
            if (!ImageIO.write(picture, "png", temp.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        };
    }

    /** The display range that shows most of an image: its 0.5 and 99.5 percentiles (min and max if flat). */
    public static double[] range(float[]... images) {
        int n = 0;
        for (float[] image : images) {
            n += image.length;
        }
        float[] all = new float[n];
        int at = 0;
        for (float[] image : images) {
            System.arraycopy(image, 0, all, at, image.length);
            at += image.length;
        }
        Arrays.sort(all);
        double low = all[(int) (0.005 * (n - 1))];
        double high = all[(int) Math.ceil(0.995 * (n - 1))];
        if (!(high > low)) {
            low = all[0];
            high = all[n - 1] > all[0] ? all[n - 1] : all[0] + 1;
        }
        return new double[] {low, high};
    }

    private static BufferedImage grey(Panel panel) {
        BufferedImage image = new BufferedImage(panel.width(), panel.height(), BufferedImage.TYPE_INT_RGB);
        double scale = panel.high() > panel.low() ? 255 / (panel.high() - panel.low()) : 0;
        int[] rgb = new int[panel.pixels().length];
        for (int i = 0; i < rgb.length; i++) {
            double v = (panel.pixels()[i] - panel.low()) * scale;
            int level = Double.isNaN(v) ? 0 : (int) Math.round(Math.max(0, Math.min(255, v)));
            rgb[i] = level << 16 | level << 8 | level;
        }
        image.setRGB(0, 0, panel.width(), panel.height(), rgb, 0, panel.width());
        return image;
    }

    /** The text, cut with an ellipsis to fit {@code width} pixels. */
    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
