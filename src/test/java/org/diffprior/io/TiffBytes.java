package org.diffprior.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hand-made little-endian grey TIFFs for tests of damaged files: the pixels first and the one directory last, so
 * any truncation cuts the directory, and the positions of its entries known ({@link #entries}).
 */
public final class TiffBytes {

    /** Key of {@link #entries} for the directory's own offset. */
    public static final int DIRECTORY = -2;
    /** Key of {@link #entries} for the link to the next directory. */
    public static final int NEXT = -1;

    private TiffBytes() {
    }

    /** A width × height TIFF of the given strips (rowsPerStrip rows each, already compressed if asked). */
    public static byte[] of(int width, int height, int bits, int format, int compression, int rowsPerStrip,
            List<byte[]> strips) {
        int size = 8 + 8 * strips.size() + 200;
        for (byte[] s : strips) {
            size += s.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {'I', 'I', 42, 0}).putInt(0);
        int[] offsets = new int[strips.size()];
        for (int i = 0; i < strips.size(); i++) {
            offsets[i] = b.position();
            b.put(strips.get(i));
        }
        int arrays = b.position();
        boolean several = strips.size() > 1;
        if (several) {
            for (int o : offsets) {
                b.putInt(o);
            }
            for (byte[] s : strips) {
                b.putInt(s.length);
            }
        }
        if (b.position() % 2 == 1) {
            b.put((byte) 0);
        }
        int ifd = b.position();
        b.putInt(4, ifd);
        int[][] tags = {{256, 4, 1, width}, {257, 4, 1, height}, {258, 3, 1, bits}, {259, 3, 1, compression},
                {262, 3, 1, 1}, {273, 4, strips.size(), several ? arrays : offsets[0]}, {277, 3, 1, 1},
                {278, 4, 1, rowsPerStrip},
                {279, 4, strips.size(), several ? arrays + 4 * strips.size() : strips.get(0).length},
                {339, 3, 1, format}};
        b.putShort((short) tags.length);
        for (int[] t : tags) {
            b.putShort((short) t[0]).putShort((short) t[1]).putInt(t[2]);
            if (t[1] == 3 && t[2] == 1) {
                b.putShort((short) t[3]).putShort((short) 0);
            } else {
                b.putInt(t[3]);
            }
        }
        b.putInt(0);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** Splits row-major pixel bytes into strips of {@code rowsPerStrip} rows. */
    public static List<byte[]> strips(byte[] pixels, int height, int rowsPerStrip, int rowBytes) {
        List<byte[]> strips = new ArrayList<>();
        for (int y = 0; y < height; y += rowsPerStrip) {
            strips.add(Arrays.copyOfRange(pixels, y * rowBytes, Math.min(height, y + rowsPerStrip) * rowBytes));
        }
        return strips;
    }

    /** Little-endian float32 bytes. */
    public static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** The file's bytes in its own byte order. */
    public static ByteBuffer buffer(byte[] file) {
        return ByteBuffer.wrap(file).order(file[0] == 'M' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /** Positions of the first directory's entries by tag, of the directory ({@link #DIRECTORY}) and its link. */
    public static Map<Integer, Integer> entries(byte[] file) {
        ByteBuffer b = buffer(file);
        int ifd = b.getInt(4);
        int n = b.getShort(ifd) & 0xffff;
        Map<Integer, Integer> at = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            at.put(b.getShort(ifd + 2 + 12 * i) & 0xffff, ifd + 2 + 12 * i);
        }
        at.put(NEXT, ifd + 2 + 12 * n);
        at.put(DIRECTORY, ifd);
        return at;
    }

    /** Sets an entry's value; a one-value SHORT is written as a SHORT. */
    public static void setValue(byte[] file, int entry, long value) {
        ByteBuffer b = buffer(file);
        if (b.getShort(entry + 2) == 3 && b.getInt(entry + 4) == 1) {
            b.putShort(entry + 8, (short) value);
        } else {
            b.putInt(entry + 8, (int) value);
        }
    }
}
