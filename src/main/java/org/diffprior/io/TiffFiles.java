package org.diffprior.io;

import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageReader;
import javax.imageio.stream.FileImageInputStream;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;
import org.diffprior.core.InvalidInputException;

/**
 * Reads grey-scale TIFF files (one plane per page) as float, safe against hostile files: a bounded structural
 * check walks the page chain (loops and page count capped) and checks every declared size against the file
 * and the memory before anything is allocated; TwelveMonkeys then decodes, refusing damaged streams. An ImageJ
 * straight-line calibration (as ImageJ stores signed 16-bit data) is applied, as ImageJ would.
 */
final class TiffFiles {

    /** More pages than any stack this tool reconstructs; bounds the walk of a crafted chain. */
    static final int MAX_PAGES = 65_536;

    private static final int WIDTH = 256;
    private static final int HEIGHT = 257;
    private static final int BITS = 258;
    private static final int COMPRESSION = 259;
    private static final int PHOTOMETRIC = 262;
    private static final int DESCRIPTION = 270;
    private static final int STRIP_OFFSETS = 273;
    private static final int SAMPLES = 277;
    private static final int ROWS_PER_STRIP = 278;
    private static final int STRIP_BYTES = 279;
    private static final int TILE_WIDTH = 322;
    private static final int TILE_HEIGHT = 323;
    private static final int TILE_OFFSETS = 324;
    private static final int TILE_BYTES = 325;
    private static final int SAMPLE_FORMAT = 339;
    private static final int X_RESOLUTION = 282;
    private static final int Y_RESOLUTION = 283;
    private static final int RESOLUTION_UNIT = 296;
    private static final Set<Integer> READ_TAGS = Set.of(WIDTH, HEIGHT, BITS, COMPRESSION, PHOTOMETRIC,
            STRIP_OFFSETS, SAMPLES, ROWS_PER_STRIP, STRIP_BYTES, TILE_WIDTH, TILE_HEIGHT, TILE_OFFSETS, TILE_BYTES,
            SAMPLE_FORMAT);
    private static final int MAX_DESCRIPTION = 1 << 16;

    private TiffFiles() {
    }

    /** True when the file starts with a classic or BigTIFF header. */
    static boolean isTiff(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && (head[0] == 'I' && head[1] == 'I' && (head[2] == 42 || head[2] == 43)
                    && head[3] == 0
                    || head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43));
        } catch (IOException e) {
            return false;
        }
    }

    /** The planes and ImageJ's reading of the pixel size: width, height, depth (1 if not given) and unit. */
    record Calibrated(FloatImage planes, double pixelWidth, double pixelHeight, double pixelDepth, String unit) {
    }

    static FloatImage read(Path file) {
        return readCalibrated(file).planes();
    }

    static Calibrated readCalibrated(Path file) {
        List<Page> pages;
        String description;
        Structure structure;
        try (FileChannel channel = FileChannel.open(file)) {
            structure = new Structure(file, channel);
            pages = structure.pages();
            description = structure.description;
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Page first = pages.get(0);
        for (Page page : pages) {
            if (page.width != first.width || page.height != first.height) {
                throw new InvalidInputException(file + ": pages of different sizes (" + first.width + "x"
                        + first.height + " and " + page.width + "x" + page.height + "); save one size per file");
            }
        }
        ImageJDescription imagej = ImageJDescription.parse(file, description, pages.size(), first.bits);
        long samples = (long) first.width * first.height * pages.size();
        if (samples > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + ": too large to load at once (" + first.width + "x" + first.height
                    + "x" + pages.size() + "); split it into slices");
        }
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        long needed = 4 * samples + first.decodedBytes();
        if (needed > free) {
            throw new InvalidInputException(file + ": needs " + (needed >> 20) + " MB to load, " + (free >> 20)
                    + " MB free; give Java more memory (DIFFPRIOR_JAVA_OPTS=-Xmx...) or split the stack");
        }
        FloatImage planes = decode(file, first.width, first.height, pages.size(), imagej);
        // As ImageJ: the resolution tags give the pixel size in the ResolutionUnit, ImageJ's description the unit.
        boolean resolved = structure.xResolution > 0 && structure.yResolution > 0;
        String unit = imagej.unit != null ? imagej.unit
                : !resolved ? "pixel" : structure.resolutionUnit == 3 ? "cm" : structure.resolutionUnit == 2 ? "inch"
                        : "pixel";
        return new Calibrated(planes, resolved ? 1 / structure.xResolution : 1,
                resolved ? 1 / structure.yResolution : 1, imagej.spacing, unit);
    }

    private static FloatImage decode(Path file, int w, int h, int n, ImageJDescription imagej) {
        ImageReader reader = null;
        try (FileImageInputStream in = new FileImageInputStream(file.toFile())) {
            reader = new TIFFImageReaderSpi().createReaderInstance();
            reader.setInput(in, true, true);
            ImageReader pages = reader;
            return Stacks.planeByPlane(n, w, h, z -> {
                Raster raster;
                try {
                    // readRaster: the raw samples (read() clamps floats to 0..1 for display).
                    raster = pages.readRaster(z, null);
                } catch (IOException | RuntimeException e) {
                    throw damaged(file, "page " + (z + 1) + " does not decode: " + e.getMessage(), e);
                }
                if (raster.getWidth() != w || raster.getHeight() != h || raster.getNumBands() != 1) {
                    throw damaged(file, "page " + (z + 1) + " decodes to " + raster.getWidth() + "x"
                            + raster.getHeight() + "x" + raster.getNumBands() + ", not " + w + "x" + h, null);
                }
                float[] plane = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, 0, (float[]) null);
                imagej.calibrate(plane);
                return plane;
            });
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    static InvalidInputException damaged(Path file, String what, Throwable cause) {
        return new InvalidInputException(file + ": damaged TIFF (" + what + ")", cause);
    }

    /** One page as its IFD declares it, checked against the file. */
    private record Page(int width, int height, int bits) {
        long decodedBytes() {
            return ((long) width * bits + 7) / 8 * height;
        }
    }

    /** The bounded walk over the header and IFD chain; every read is inside the file. */
    private static final class Structure {
        private final Path file;
        private final FileChannel channel;
        private final long size;
        private ByteOrder order;
        private String description;
        private double xResolution;
        private double yResolution;
        private long resolutionUnit = 2;

        Structure(Path file, FileChannel channel) throws IOException {
            this.file = file;
            this.channel = channel;
            this.size = channel.size();
        }

        List<Page> pages() throws IOException {
            if (size < 8) {
                throw damaged(file, "only " + size + " bytes", null);
            }
            ByteBuffer head = read(0, 8, ByteOrder.LITTLE_ENDIAN);
            order = head.get(0) == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            if (head.order(order).getShort(2) == 43) {
                throw new InvalidInputException(file + ": BigTIFF is not supported; save it as a classic TIFF");
            }
            long offset = head.getInt(4) & 0xffffffffL;
            List<Page> pages = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            while (offset != 0) {
                if (pages.size() == MAX_PAGES) {
                    throw new InvalidInputException(
                            file + ": more than " + MAX_PAGES + " pages; split the stack into smaller files");
                }
                if (!seen.add(offset)) {
                    throw damaged(file, "the page chain loops back to offset " + offset, null);
                }
                Map<Integer, long[]> tags = new HashMap<>();
                offset = readIfd(offset, tags, pages.isEmpty());
                pages.add(page(pages.size() + 1, tags));
            }
            if (pages.isEmpty()) {
                throw damaged(file, "no pages", null);
            }
            return pages;
        }

        private long readIfd(long offset, Map<Integer, long[]> tags, boolean first) throws IOException {
            if (offset < 8) {
                throw damaged(file, "a page directory at offset " + offset + ", inside the TIFF header", null);
            }
            if (offset + 2 > size) {
                throw damaged(file, "truncated: a page directory at offset " + offset + ", the file has " + size
                        + " bytes", null);
            }
            int entries = read(offset, 2, order).getShort(0) & 0xffff;
            if (entries == 0) {
                throw damaged(file, "an empty page directory at offset " + offset, null);
            }
            if (offset + 2 + 12L * entries + 4 > size) {
                throw damaged(file, "truncated: the page directory at offset " + offset + " ends past the "
                        + size + " bytes of the file", null);
            }
            ByteBuffer ifd = read(offset + 2, 12 * entries + 4, order);
            for (int i = 0; i < entries; i++) {
                int tag = ifd.getShort(12 * i) & 0xffff;
                int type = ifd.getShort(12 * i + 2) & 0xffff;
                long count = ifd.getInt(12 * i + 4) & 0xffffffffL;
                if (READ_TAGS.contains(tag)) {
                    tags.put(tag, values(tag, type, count, ifd, 12 * i + 8));
                } else if (tag == DESCRIPTION && first && type == 2 && count > 0 && count <= MAX_DESCRIPTION) {
                    description = ascii(count, ifd, 12 * i + 8);
                } else if ((tag == X_RESOLUTION || tag == Y_RESOLUTION) && first && type == 5 && count == 1) {
                    long at = ifd.getInt(12 * i + 8) & 0xffffffffL;
                    if (at + 8 <= size) {
                        ByteBuffer rational = read(at, 8, order);
                        double value = (rational.getInt(0) & 0xffffffffL) / (double) (rational.getInt(4) & 0xffffffffL);
                        if (Double.isFinite(value) && value > 0) {
                            if (tag == X_RESOLUTION) {
                                xResolution = value;
                            } else {
                                yResolution = value;
                            }
                        }
                    }
                } else if (tag == RESOLUTION_UNIT && first && type == 3) {
                    resolutionUnit = ifd.getShort(12 * i + 8) & 0xffff;
                }
            }
            return ifd.getInt(12 * entries) & 0xffffffffL;
        }

        private long[] values(int tag, int type, long count, ByteBuffer ifd, int at) throws IOException {
            int width = switch (type) {
                case 1 -> 1;
                case 3 -> 2;
                case 4 -> 4;
                default -> throw damaged(file, "tag " + tag + " has type " + type + ", expected an integer", null);
            };
            if (count == 0 || count * width > size) {
                throw damaged(file, "tag " + tag + " declares " + count + " values", null);
            }
            ByteBuffer data;
            if (count * width <= 4) {
                data = ifd.duplicate().order(order).position(at).slice().order(order);
            } else {
                long offset = ifd.getInt(at) & 0xffffffffL;
                if (offset + count * width > size) {
                    throw damaged(file, "the values of tag " + tag + " lie outside the file", null);
                }
                data = read(offset, (int) (count * width), order);
            }
            long[] values = new long[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = switch (width) {
                    case 1 -> data.get(i) & 0xffL;
                    case 2 -> data.getShort(2 * i) & 0xffffL;
                    default -> data.getInt(4 * i) & 0xffffffffL;
                };
            }
            return values;
        }

        private String ascii(long count, ByteBuffer ifd, int at) throws IOException {
            if (count <= 4) {
                return "";
            }
            long offset = ifd.getInt(at) & 0xffffffffL;
            if (offset + count > size) {
                throw damaged(file, "the image description lies outside the file", null);
            }
            ByteBuffer data = read(offset, (int) count, order);
            byte[] bytes = new byte[(int) count];
            data.get(bytes);
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }

        private Page page(int number, Map<Integer, long[]> tags) {
            String where = "page " + number + ": ";
            long width = single(tags, WIDTH, -1);
            long height = single(tags, HEIGHT, -1);
            if (width < 1 || height < 1) {
                throw damaged(file, where + "no width or height", null);
            }
            long samples = single(tags, SAMPLES, 1);
            long photometric = single(tags, PHOTOMETRIC, 1);
            if (samples != 1 || photometric == 2 || photometric == 3) {
                throw new InvalidInputException(
                        file + ": colour or multi-channel image; convert it to one grey-scale channel first");
            }
            if (photometric > 1) {
                throw new InvalidInputException(file + ": " + where + "photometric interpretation " + photometric
                        + " is not grey-scale; convert it to one grey-scale channel first");
            }
            long bits = single(tags, BITS, 1);
            long format = single(tags, SAMPLE_FORMAT, 1);
            boolean supported = format == 3 ? bits == 32 || bits == 64
                    : (format == 1 || format == 2) && (bits == 1 || bits == 8 || bits == 16 || bits == 32);
            if (!supported) {
                throw new InvalidInputException(file + ": " + where + bits + "-bit samples of format " + format
                        + " are not supported; save 8-, 16- or 32-bit integers or 32-bit floats");
            }
            long compression = single(tags, COMPRESSION, 1);
            long maxRatio = switch ((int) compression) {
                case 1 -> 1;
                case 5 -> 3641; // LZW: a code of at least 9 bits emits at most 4096 bytes
                case 8, 32946 -> 1032; // deflate's largest expansion
                case 32773 -> 64; // PackBits: 2 bytes repeat one byte at most 128 times
                default -> throw new InvalidInputException(file + ": " + where + "TIFF compression " + compression
                        + (compression == 6 || compression == 7 ? " (JPEG, lossy)" : "")
                        + " is not supported; save it uncompressed, LZW or deflate");
            };
            if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE || width * height > Integer.MAX_VALUE) {
                throw new InvalidInputException(file + ": " + where + width + "x" + height
                        + " pixels is too large for one plane (at most " + Integer.MAX_VALUE + " pixels)");
            }
            boolean tiled = tags.containsKey(TILE_OFFSETS);
            long blockWidth = tiled ? single(tags, TILE_WIDTH, -1) : width;
            long blockHeight = tiled ? single(tags, TILE_HEIGHT, -1)
                    : Math.min(single(tags, ROWS_PER_STRIP, height), height);
            if (blockWidth < 1 || blockHeight < 1 || blockWidth > width + 16 || blockHeight > height + 16) {
                throw damaged(file, where + "strips or tiles of " + blockWidth + "x" + blockHeight + " for a "
                        + width + "x" + height + " image", null);
            }
            long across = (width + blockWidth - 1) / blockWidth;
            long down = (height + blockHeight - 1) / blockHeight;
            long[] offsets = tags.get(tiled ? TILE_OFFSETS : STRIP_OFFSETS);
            long[] counts = tags.get(tiled ? TILE_BYTES : STRIP_BYTES);
            String block = tiled ? "tile" : "strip";
            if (offsets == null || counts == null || offsets.length != counts.length
                    || offsets.length != across * down) {
                throw damaged(file, where + (offsets == null ? 0 : offsets.length) + " " + block + " offsets and "
                        + (counts == null ? 0 : counts.length) + " byte counts, expected " + across * down, null);
            }
            long rowBytes = (blockWidth * bits + 7) / 8;
            for (int i = 0; i < offsets.length; i++) {
                long rows = tiled ? blockHeight : Math.min(blockHeight, height - i * blockHeight);
                long needed = rowBytes * rows;
                if (offsets[i] < 8) {
                    throw damaged(file, where + block + " " + i + " starts at offset " + offsets[i]
                            + ", inside the TIFF header", null);
                }
                if (offsets[i] + counts[i] > size) {
                    throw damaged(file, "truncated: " + where + block + " " + i + " ends at byte "
                            + (offsets[i] + counts[i]) + ", the file has " + size, null);
                }
                if (counts[i] * maxRatio < needed) {
                    throw damaged(file, where + block + " " + i + " holds " + counts[i] + " bytes, its pixels need "
                            + needed
                            + (compression == 1 ? "" : " (more than compression " + compression + " can give)"),
                            null);
                }
            }
            return new Page((int) width, (int) height, (int) bits);
        }

        private long single(Map<Integer, long[]> tags, int tag, long absent) {
            long[] values = tags.get(tag);
            if (values == null) {
                return absent;
            }
            for (long value : values) {
                if (value != values[0]) {
                    throw damaged(file, "tag " + tag + " has differing values", null);
                }
            }
            return values[0];
        }

        private ByteBuffer read(long offset, int length, ByteOrder byteOrder) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw damaged(file, "ends early", null);
                }
            }
            return buffer.flip().order(byteOrder);
        }
    }

    /** The parts of ImageJ's own description we honour: stack size, channels, a straight-line calibration. */
    private record ImageJDescription(double intercept, double slope, String unit, double spacing) {

        static ImageJDescription parse(Path file, String description, int pages, int bits) {
            if (description == null || !description.startsWith("ImageJ=")) {
                return new ImageJDescription(0, 1, null, 1);
            }
            Map<String, String> fields = new HashMap<>();
            for (String line : description.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    fields.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
            if (number(file, fields, "channels", 1) > 1) {
                throw new InvalidInputException(
                        file + ": colour or multi-channel image; convert it to one grey-scale channel first");
            }
            double images = number(file, fields, "images", pages);
            if (images != pages) {
                throw new InvalidInputException(file + ": ImageJ says " + (long) images + " images but the file has "
                        + pages + " pages; save the stack again from ImageJ/Fiji");
            }
            String unit = fields.get("unit");
            if (unit != null) {
                unit = unit.replace("\\u00B5", "\u00b5");
            }
            double spacing = Math.abs(number(file, fields, "spacing", 1));
            // ImageJ calibrates only 8- and 16-bit data.
            if (!fields.containsKey("cf") || bits != 8 && bits != 16) {
                return new ImageJDescription(0, 1, unit, spacing);
            }
            if (number(file, fields, "cf", 0) != 0) {
                throw new InvalidInputException(file + ": ImageJ calibration function " + fields.get("cf")
                        + " is not supported; convert the image to 32-bit in ImageJ/Fiji first");
            }
            return new ImageJDescription(number(file, fields, "c0", 0), number(file, fields, "c1", 1), unit, spacing);
        }

        private static double number(Path file, Map<String, String> fields, String key, double absent) {
            String value = fields.get(key);
            if (value == null) {
                return absent;
            }
            try {
                double parsed = Double.parseDouble(value);
                if (Double.isFinite(parsed)) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new InvalidInputException(
                    file + ": ImageJ description field " + key + "=" + value + " is not a number");
        }

        void calibrate(float[] plane) {
            if (intercept == 0 && slope == 1) {
                return;
            }
            for (int i = 0; i < plane.length; i++) {
                plane[i] = (float) (intercept + slope * plane[i]);
            }
        }
    }
}
