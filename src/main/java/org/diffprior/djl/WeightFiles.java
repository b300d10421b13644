package org.diffprior.djl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.diffprior.core.InvalidInputException;
import org.diffprior.io.AtomicFiles;

/**
 * Reads and writes named float32 tensors ({@code weights.bin}: magic, count, then name, shape and
 * big-endian floats per tensor) and computes SHA-256 checksums. Written atomically.
 *
 * <pre>{@code
 * WeightFiles.write(dir.resolve("weights.bin"), parameters);
 * Map<String, float[]> back = WeightFiles.read(in, net.parameterShapes());
 * }</pre>
 */
public final class WeightFiles {

    private static final int MAGIC = 0x44505731; // "DPW1"
    /** Far above any network here; a damaged header must not make us allocate. */
    private static final int MAX_TENSORS = 100_000;
    private static final int MAX_DIMENSIONS = 8;

    private WeightFiles() {
    }

    /** Writes tensors in map order; shapes come from {@code shapes}. */
    public static void write(Path file, Map<String, float[]> values, Map<String, long[]> shapes) throws IOException {
        AtomicFiles.write(file, writer(values, shapes));
    }

    /** {@link #write} into the file it is given, for {@link AtomicFiles.Transaction#stage}. */
    static AtomicFiles.Writer writer(Map<String, float[]> values, Map<String, long[]> shapes) {
        return temp -> {
            try (DataOutputStream data = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temp),
                    1 << 16))) {
                data.writeInt(MAGIC);
                data.writeInt(values.size());
                for (Map.Entry<String, float[]> e : values.entrySet()) {
                    data.writeUTF(e.getKey());
                    long[] shape = shapes.get(e.getKey());
                    data.writeInt(shape.length);
                    for (long d : shape) {
                        data.writeLong(d);
                    }
                    for (float v : e.getValue()) {
                        data.writeFloat(v);
                    }
                }
            }
        };
    }

    /** Reads tensors and checks each one's name and shape against {@code expected} (null: no check). */
    public static Map<String, float[]> read(InputStream in, Map<String, long[]> expected, String source)
            throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        if (data.readInt() != MAGIC) {
            throw new InvalidInputException(source + ": not a DiffPrior weight file");
        }
        int count = data.readInt();
        if (count < 0 || count > MAX_TENSORS) {
            throw new InvalidInputException(source + ": declares " + count + " tensors; the file is damaged");
        }
        if (expected != null && count != expected.size()) {
            throw new InvalidInputException(
                    source + ": has " + count + " tensors, the architecture in model.json needs "
                            + expected.size());
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (int t = 0; t < count; t++) {
            String name = data.readUTF();
            int dimensions = data.readInt();
            if (dimensions < 0 || dimensions > MAX_DIMENSIONS) {
                throw new InvalidInputException(source + ": tensor '" + name + "' declares " + dimensions
                        + " dimensions; the file is damaged");
            }
            long[] shape = new long[dimensions];
            long elements = 1;
            for (int i = 0; i < shape.length; i++) {
                shape[i] = data.readLong();
                elements *= Math.max(shape[i], 0);
                if (shape[i] < 0 || elements > Integer.MAX_VALUE - 8) {
                    throw new InvalidInputException(source + ": tensor '" + name + "' declares the shape "
                            + Arrays.toString(Arrays.copyOf(shape, i + 1)) + "...; the file is damaged");
                }
            }
            long[] want = expected == null ? null : expected.get(name);
            if (expected != null && (want == null || !Arrays.equals(want, shape))) {
                throw new InvalidInputException(source + ": tensor '" + name + "' " + Arrays.toString(shape)
                        + " does not match the architecture in model.json");
            }
            float[] v = new float[(int) elements];
            for (int i = 0; i < v.length; i++) {
                v[i] = data.readFloat();
            }
            values.put(name, v);
        }
        return values;
    }

    /** SHA-256 of a file, hex. */
    public static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return sha256(in);
        }
    }

    /** SHA-256 of a stream's bytes, hex. */
    public static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
