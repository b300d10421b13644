package org.diffprior.djl;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

import org.diffprior.io.AtomicFiles;

/**
 * Draws the training loss (log scale, raw and smoothed) as a PNG with Java2D, headless.
 *
 * <pre>{@code
 * LossCurvePlot.write(losses, modelDir.resolve("loss-curve.png"));
 * }</pre>
 */
public final class LossCurvePlot {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 400;
    private static final int MARGIN = 50;

    private LossCurvePlot() {
    }

    public static void write(float[] losses, Path file) throws IOException {
        AtomicFiles.write(file, writer(losses));
    }

    /** The plot as PNG into the file it is given, for {@link AtomicFiles.Transaction#stage}. */
    public static AtomicFiles.Writer writer(float[] losses) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.drawRect(MARGIN, MARGIN / 2, WIDTH - MARGIN - MARGIN / 2, HEIGHT - MARGIN - MARGIN / 2);
        if (losses.length > 0) {
            double[] log = new double[losses.length];
            double[] smooth = new double[losses.length];
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            double running = Math.log10(Math.max(losses[0], 1e-12));
            for (int i = 0; i < losses.length; i++) {
                log[i] = Math.log10(Math.max(losses[i], 1e-12));
                running = i == 0 ? log[i] : 0.98 * running + 0.02 * log[i];
                smooth[i] = running;
                min = Math.min(min, log[i]);
                max = Math.max(max, log[i]);
            }
            if (max - min < 1e-6) {
                max = min + 1;
            }
            g.setColor(new Color(170, 190, 230));
            drawSeries(g, log, min, max);
            g.setColor(new Color(20, 60, 160));
            g.setStroke(new BasicStroke(2f));
            drawSeries(g, smooth, min, max);
            g.setColor(Color.BLACK);
            g.drawString(String.format("log10 loss: %.2f", max), 4, MARGIN / 2 + 12);
            g.drawString(String.format("%.2f", min), 4, HEIGHT - MARGIN);
            g.drawString("step " + losses.length, WIDTH - MARGIN - 60, HEIGHT - MARGIN / 2 + 5);
            g.drawString("Training loss (v-prediction MSE)", WIDTH / 2 - 90, MARGIN / 2 - 8);
        }
        g.dispose();
        return temp -> {
            if (!ImageIO.write(image, "png", temp.toFile())) {
                throw new IOException("no PNG writer in this Java runtime");
            }
        };
    }

    private static void drawSeries(Graphics2D g, double[] values, double min, double max) {
        int plotWidth = WIDTH - MARGIN - MARGIN / 2;
        int plotHeight = HEIGHT - MARGIN - MARGIN / 2;
        int previousX = -1;
        int previousY = -1;
        for (int i = 0; i < values.length; i++) {
            int x = MARGIN + (int) Math.round((double) i / Math.max(1, values.length - 1) * plotWidth);
            int y = MARGIN / 2 + (int) Math.round((max - values[i]) / (max - min) * plotHeight);
            if (previousX >= 0) {
                g.drawLine(previousX, previousY, x, y);
            }
            previousX = x;
            previousY = y;
        }
    }
}
