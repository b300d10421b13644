package org.diffprior.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

import org.diffprior.core.InvalidInputException;

/**
 * Reads single-file NIfTI-1 volumes ({@code .nii} and {@code .nii.gz}) of datatype uint8, int8,
 * int16, uint16, int32, float32 or float64, either byte order, into a {@link NiftiVolume} in physical
 * units (value = raw × scl_slope + scl_inter when scl_slope is finite and non-zero, as nibabel does).
 * Only 3-D data (or 4-D+ with a single volume) is accepted. {@link #write} writes a {@link Volume} back with its
 * header (float32, unscaled).
 *
 * <pre>{@code
 * NiftiVolume v = Nifti.read(Path.of("ch2.nii.gz"));
 * FloatImage sagittal = v.sagittal(v.nx() / 2);
 * }</pre>
 */
public final class Nifti {

    private static final int HEADER_SIZE = 348;
    /** Header plus the 4-byte extension flag that precedes the data in a single-file NIfTI-1. */
    private static final int MIN_DATA_OFFSET = 352;
    /** Largest file (after decompression) read: one byte array. */
    private static final int MAX_BYTES = 1 << 30;

    private Nifti() {
    }

    public static NiftiVolume read(Path file) {
        Parsed parsed = parse(file);
        int[] dims = parsed.header().dimensions();
        return new NiftiVolume(dims[0], dims[1], dims[2], parsed.header().voxelSize(), parsed.data());
    }

    /**
     * Reads a volume with its whole header: plane k of the result is the file's plane k, nx wide and ny high with
     * row 0 the largest j (as {@link NiftiVolume#axial}), so that {@link #write} restores the file's voxel order.
     */
    public static Volume readVolume(Path file) {
        Parsed parsed = parse(file);
        int[] dims = parsed.header().dimensions();
        return new Volume(Volume.planesFromVoxels(parsed.data(), dims[0], dims[1], dims[2]), parsed.header());
    }

    /**
     * Writes {@code volume} as a single-file NIfTI-1 (gzip-compressed when the name ends in {@code .gz}): its header
     * with float32 data in physical units, the planes back in the file's voxel order; replaced only on success.
     */
    public static void write(Volume volume, Path target) throws IOException {
        AtomicFiles.write(target, writer(volume, isGzip(target)));
    }

    /**
     * Writes {@code volume} as {@link #write} does into the file it is given, for {@link AtomicFiles.Transaction#stage};
     * {@code gzip} as the target's name says (the temporary's name may not).
     */
    public static AtomicFiles.Writer writer(Volume volume, boolean gzip) {
        return file -> {
            FloatImage planes = volume.planes();
            NiftiHeader header = volume.header().withDimensions(planes.width(), planes.height(), planes.slices());
            float[] voxels = Volume.voxelsFromPlanes(planes);
            ByteBuffer out = ByteBuffer.allocate(NiftiHeader.DATA_OFFSET + 4 * voxels.length).order(header.order());
            out.put(header.bytes());
            out.putInt(0); // no extensions
            out.asFloatBuffer().put(voxels);
            try (OutputStream stream = Files.newOutputStream(file);
                    OutputStream data = gzip ? new GZIPOutputStream(stream, 1 << 16) : stream) {
                data.write(out.array());
            }
        };
    }

    /** Whether a NIfTI name asks for gzip compression ({@code .nii.gz}). */
    static boolean isGzip(Path target) {
        return String.valueOf(target.getFileName()).toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /** True for the names this reader takes: {@code .nii} and {@code .nii.gz}. */
    public static boolean isNifti(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        return name.endsWith(".nii") || name.endsWith(".nii.gz");
    }

    private record Parsed(NiftiHeader header, float[] data) {
    }

    private static Parsed parse(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        byte[] bytes = readAllBytes(file);
        if (bytes.length < HEADER_SIZE) {
            throw new InvalidInputException(file + ": truncated NIfTI header (" + bytes.length + " of 348 bytes)");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, 0, HEADER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        if (header.getInt(0) != HEADER_SIZE) {
            header.order(ByteOrder.BIG_ENDIAN);
            if (header.getInt(0) != HEADER_SIZE) {
                throw new InvalidInputException(
                        file + ": not a NIfTI-1 file (sizeof_hdr is not 348 in either byte order)");
            }
        }
        String magic = new String(bytes, 344, 3, StandardCharsets.US_ASCII);
        if (magic.equals("ni1")) {
            throw new InvalidInputException(file + ": a NIfTI .hdr/.img pair; convert it to a single .nii file first");
        }
        if (!magic.equals("n+1")) {
            throw new InvalidInputException(
                    file + ": not a NIfTI-1 file (magic is not 'n+1'; Analyze 7.5 is not supported)");
        }
        int rank = header.getShort(40);
        if (rank < 1 || rank > 7) {
            throw new InvalidInputException(file + ": invalid dim[0] = " + rank + " (must be 1 to 7)");
        }
        int[] dims = {1, 1, 1};
        for (int d = 1; d <= rank; d++) {
            int size = header.getShort(40 + 2 * d);
            if (size <= 0) {
                throw new InvalidInputException(file + ": invalid dim[" + d + "] = " + size);
            }
            if (d <= 3) {
                dims[d - 1] = size;
            } else if (size != 1) {
                throw new InvalidInputException(file + ": holds " + size + " volumes along dim " + d
                        + "; only single 3-D volumes are supported (split it first, e.g. fslsplit)");
            }
        }
        Datatype type = Datatype.of(header.getShort(70), file);
        float voxOffset = header.getFloat(108);
        if (!Float.isFinite(voxOffset) || voxOffset < 0) {
            throw new InvalidInputException(file + ": invalid vox_offset " + voxOffset);
        }
        // Some converters leave vox_offset at 0; the data then starts right after header and extensions.
        if (voxOffset > bytes.length) {
            throw new InvalidInputException(file + ": truncated (vox_offset " + voxOffset + " lies past the "
                    + bytes.length + " bytes of the file)");
        }
        long offset = voxOffset < MIN_DATA_OFFSET ? afterExtensions(bytes, header.order(), file) : (long) voxOffset;
        float slope = header.getFloat(112);
        float intercept = header.getFloat(116);
        boolean scaled = Float.isFinite(slope) && slope != 0;
        double a = scaled ? slope : 1.0;
        double b = scaled && Float.isFinite(intercept) ? intercept : 0.0;

        long voxels = (long) dims[0] * dims[1] * dims[2];
        if (voxels > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + ": too large to load at once (" + voxels + " voxels)");
        }
        long needed = offset + voxels * type.bytes;
        if (needed > bytes.length) {
            throw new InvalidInputException(
                    file + ": truncated (" + bytes.length + " bytes after decompression, the header's "
                            + dims[0] + "x" + dims[1] + "x" + dims[2] + " " + type.name().toLowerCase(Locale.ROOT)
                            + " volume needs " + needed + ")");
        }
        ByteBuffer raw = ByteBuffer.wrap(bytes, (int) offset, (int) (voxels * type.bytes)).slice()
                .order(header.order());
        float[] data = new float[(int) voxels];
        for (int n = 0; n < data.length; n++) {
            data[n] = (float) (type.read(raw, n) * a + b);
        }
        return new Parsed(NiftiHeader.of(bytes, header.order()), data);
    }

    private static long afterExtensions(byte[] bytes, ByteOrder order, Path file) {
        long offset = MIN_DATA_OFFSET;
        if (bytes.length >= MIN_DATA_OFFSET && bytes[HEADER_SIZE] != 0) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
            while (offset + 8 <= bytes.length) {
                int size = buffer.getInt((int) offset);
                if (size < 8 || size % 16 != 0 || offset + size > bytes.length) {
                    break;
                }
                offset += size;
            }
        }
        return offset;
    }

    private static byte[] readAllBytes(Path file) {
        boolean gzip = file.getFileName().toString().endsWith(".gz");
        try {
            if (!gzip) {
                return Files.readAllBytes(file);
            }
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                // Bounded: a small .nii.gz may expand to more than memory holds (a decompression bomb).
                byte[] bytes = in.readNBytes(MAX_BYTES);
                if (in.read() >= 0) {
                    throw new InvalidInputException(file + ": decompresses to more than " + (MAX_BYTES >> 20)
                            + " MB; a single volume this tool reads is smaller");
                }
                return bytes;
            }
        } catch (EOFException e) {
            throw new InvalidInputException(file + ": truncated gzip stream", e);
        } catch (ZipException e) {
            throw new InvalidInputException(file + ": not a valid gzip file (" + e.getMessage() + ")", e);
        } catch (IOException | OutOfMemoryError e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /** NIfTI-1 datatype codes this reader understands. */
    private enum Datatype {
        UINT8(2, 1), INT16(4, 2), INT32(8, 4), FLOAT32(16, 4), FLOAT64(64, 8), INT8(256, 1), UINT16(512, 2);

        final int code;
        final int bytes;

        Datatype(int code, int bytes) {
            this.code = code;
            this.bytes = bytes;
        }

        static Datatype of(int code, Path file) {
            for (Datatype t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new InvalidInputException(file + ": NIfTI datatype " + code
                    + " is not supported (use uint8, int8, int16, uint16, int32, float32 or float64)");
        }

        double read(ByteBuffer buffer, int index) {
            return switch (this) {
                case UINT8 -> buffer.get(index) & 0xff;
                case INT8 -> buffer.get(index);
                case INT16 -> buffer.getShort(2 * index);
                case UINT16 -> buffer.getShort(2 * index) & 0xffff;
                case INT32 -> buffer.getInt(4 * index);
                case FLOAT32 -> buffer.getFloat(4 * index);
                case FLOAT64 -> buffer.getDouble(8 * index);
            };
        }
    }
}
