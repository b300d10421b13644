package org.diffprior.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The 348-byte NIfTI-1 header of a volume, kept whole so that an output carries everything the input said
 * (qform and sform with their codes, pixdim, units, intent, description, time fields) and only what the
 * processing changed is rewritten: the dimensions, the datatype (float32, unscaled) and, for super-resolution,
 * the in-plane voxel size and the affines. Immutable; every change returns a new header.
 *
 * <p>Voxel indices (i, j, k) are the file's; the affines map them to world millimetres (RAS+) as the NIfTI-1
 * standard defines: the qform from the quaternion, pixdim and qfac, the sform from srow_x/y/z.
 *
 * <pre>{@code
 * NiftiHeader hr = volume.header().upsampledInPlane(2);   // pixdim[1..2] / 2, affines shifted to the new grid
 * double[][] world = hr.sform();                          // 3 rows of 4
 * }</pre>
 */
public final class NiftiHeader {

    public static final int SIZE = 348;
    /** Header plus the 4-byte extension flag: where the data of a single-file NIfTI-1 starts. */
    public static final int DATA_OFFSET = 352;
    static final short FLOAT32 = 16;
    /** xyzt_units code of millimetres. */
    static final int UNITS_MM = 2;
    /** qform/sform code of scanner coordinates (as dcm2niix writes for DICOM). */
    static final short SCANNER_ANAT = 1;

    private final byte[] bytes;
    private final ByteOrder order;

    private NiftiHeader(byte[] bytes, ByteOrder order) {
        this.bytes = bytes;
        this.order = order;
    }

    /** The header at the start of {@code bytes} in the given byte order (a copy is kept). */
    static NiftiHeader of(byte[] bytes, ByteOrder order) {
        byte[] copy = new byte[SIZE];
        System.arraycopy(bytes, 0, copy, 0, SIZE);
        return new NiftiHeader(copy, order);
    }

    /**
     * A fresh header of an nx×ny×nz float32 volume whose voxel (i, j, k) lies at {@code affine · (i, j, k, 1)}
     * (3 rows of 4, world RAS+ mm), written as both qform and sform with the given code (0: no orientation,
     * pixdim only).
     */
    public static NiftiHeader of(int nx, int ny, int nz, double[][] affine, int code) {
        NiftiHeader header = new NiftiHeader(new byte[SIZE], ByteOrder.LITTLE_ENDIAN);
        ByteBuffer b = header.buffer();
        b.putInt(0, SIZE);
        b.put(38, (byte) 'r');
        b.put(344, (byte) 'n').put(345, (byte) '+').put(346, (byte) '1');
        b.putShort(40, (short) 3);
        for (int d = 4; d <= 7; d++) {
            b.putShort(40 + 2 * d, (short) 1);
        }
        b.putFloat(76, 1f);
        b.put(123, (byte) UNITS_MM);
        NiftiHeader sized = header.withDimensions(nx, ny, nz);
        return sized.withAffine(affine, code);
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).order(order);
    }

    public ByteOrder order() {
        return order;
    }

    /** The header bytes for a float32 file (a copy). */
    byte[] bytes() {
        return bytes.clone();
    }

    /** dim[1..3]. */
    public int[] dimensions() {
        ByteBuffer b = buffer();
        int rank = b.getShort(40);
        int[] dims = {1, 1, 1};
        for (int d = 1; d <= Math.min(3, rank); d++) {
            dims[d - 1] = b.getShort(40 + 2 * d);
        }
        return dims;
    }

    /** pixdim[1..3], the voxel size along i, j, k (1 where the header's value is not a positive number). */
    public double[] voxelSize() {
        ByteBuffer b = buffer();
        double[] size = new double[3];
        for (int d = 0; d < 3; d++) {
            float value = b.getFloat(80 + 4 * d);
            size[d] = Float.isFinite(value) && value > 0 ? value : 1.0;
        }
        return size;
    }

    /** The spatial unit of pixdim and the affines ("mm", "micron", "m"), or "" when the header does not say. */
    public String spatialUnit() {
        return switch (bytes[123] & 0x07) {
            case 1 -> "m";
            case 2 -> "mm";
            case 3 -> "micron";
            default -> "";
        };
    }

    public int qformCode() {
        return buffer().getShort(252);
    }

    public int sformCode() {
        return buffer().getShort(254);
    }

    /** The qform affine (3 rows of 4), as the NIfTI-1 standard builds it from quaternion, qfac and pixdim. */
    public double[][] qform() {
        ByteBuffer b = buffer();
        double qb = b.getFloat(256);
        double qc = b.getFloat(260);
        double qd = b.getFloat(264);
        double aa = 1 - (qb * qb + qc * qc + qd * qd);
        double qa;
        if (aa < 1e-7) { // a 180° rotation: renormalise (b, c, d), as nifti1_io does
            double norm = Math.sqrt(qb * qb + qc * qc + qd * qd);
            qb /= norm;
            qc /= norm;
            qd /= norm;
            qa = 0;
        } else {
            qa = Math.sqrt(aa);
        }
        double[][] r = {
                {qa * qa + qb * qb - qc * qc - qd * qd, 2 * (qb * qc - qa * qd), 2 * (qb * qd + qa * qc)},
                {2 * (qb * qc + qa * qd), qa * qa + qc * qc - qb * qb - qd * qd, 2 * (qc * qd - qa * qb)},
                {2 * (qb * qd - qa * qc), 2 * (qc * qd + qa * qb), qa * qa + qd * qd - qc * qc - qb * qb}};
        double[] size = voxelSize();
        double qfac = b.getFloat(76) < 0 ? -1 : 1;
        double[] scale = {size[0], size[1], qfac * size[2]};
        double[][] affine = new double[3][4];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                affine[row][col] = r[row][col] * scale[col];
            }
            affine[row][3] = b.getFloat(268 + 4 * row);
        }
        return affine;
    }

    /** The sform affine (3 rows of 4): srow_x, srow_y, srow_z. */
    public double[][] sform() {
        ByteBuffer b = buffer();
        double[][] affine = new double[3][4];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                affine[row][col] = b.getFloat(280 + 16 * row + 4 * col);
            }
        }
        return affine;
    }

    /**
     * The affine a reader uses: the sform when its code is set, else the qform when its code is set, else the
     * voxel size alone (NIfTI-1 "method 1"), as nibabel's {@code get_best_affine}.
     */
    public double[][] bestAffine() {
        if (sformCode() > 0) {
            return sform();
        }
        if (qformCode() > 0) {
            return qform();
        }
        double[] size = voxelSize();
        return new double[][] {{size[0], 0, 0, 0}, {0, size[1], 0, 0}, {0, 0, size[2], 0}};
    }

    /**
     * This header for an unscaled float32 volume of the given dimensions, the data right after the header;
     * voxel size and affines unchanged (the output lies on the input's grid, or on the same grid extended).
     */
    public NiftiHeader withDimensions(int nx, int ny, int nz) {
        byte[] copy = bytes.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(order);
        if (b.getShort(40) < 3) {
            b.putShort(40, (short) 3);
        }
        b.putShort(42, checkedShort(nx)).putShort(44, checkedShort(ny)).putShort(46, checkedShort(nz));
        for (int d = 4; d <= 7; d++) {
            b.putShort(40 + 2 * d, (short) 1);
        }
        b.putShort(70, FLOAT32).putShort(72, (short) 32);
        b.putFloat(108, DATA_OFFSET);
        b.putFloat(112, 1f).putFloat(116, 0f); // values are written in physical units
        b.putInt(140, 0).putInt(144, 0);
        return new NiftiHeader(copy, order);
    }

    /** This header with the spatial unit unknown (xyzt_units 0), for images whose pixels have no size. */
    public NiftiHeader withoutUnits() {
        byte[] copy = bytes.clone();
        copy[123] = 0;
        return new NiftiHeader(copy, order);
    }

    /** This header without a display range (cal_min = cal_max = 0), for maps in other units (a std map). */
    public NiftiHeader withoutDisplayRange() {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(order).putFloat(124, 0f).putFloat(128, 0f);
        return new NiftiHeader(copy, order);
    }

    /**
     * This header for the grid {@code scale} times finer along i and j over the same field of view: pixdim[1..2]
     * divided by the scale, and in both affines the first two columns divided by it and the origin moved so that
     * each old voxel's centre is the centre of its scale×scale new voxels (new index i' lies at old index
     * (i' − (s−1)/2) / s, the pixel-centre alignment of box and bicubic resampling). Dimensions are set by the caller.
     */
    public NiftiHeader upsampledInPlane(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        return resampledInPlane(scale);
    }

    /**
     * This header for the grid {@code scale} times coarser along i and j (the low-resolution image of a
     * super-resolution experiment): the inverse of {@link #upsampledInPlane}, new voxel i at old index
     * s·i + (s−1)/2, the centre of the block it averages.
     */
    public NiftiHeader downsampledInPlane(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        return resampledInPlane(1.0 / scale);
    }

    /** New in-plane index i' at old index (i' − (f−1)/2) / f for a resampling factor f (> 1: finer). */
    private NiftiHeader resampledInPlane(double scale) {
        double shift = (scale - 1) / (2.0 * scale);
        double[][] q = qform();
        double[][] s = sform();
        byte[] copy = bytes.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(order);
        for (int d = 1; d <= 2; d++) {
            float pixdim = b.getFloat(76 + 4 * d);
            if (Float.isFinite(pixdim) && pixdim > 0) {
                b.putFloat(76 + 4 * d, (float) (pixdim / scale));
            }
        }
        for (int row = 0; row < 3; row++) {
            b.putFloat(268 + 4 * row, (float) (q[row][3] - shift * (q[row][0] + q[row][1])));
            b.putFloat(280 + 16 * row, (float) (s[row][0] / scale));
            b.putFloat(284 + 16 * row, (float) (s[row][1] / scale));
            b.putFloat(292 + 16 * row, (float) (s[row][3] - shift * (s[row][0] + s[row][1])));
        }
        return new NiftiHeader(copy, order);
    }

    /**
     * This header with {@code affine} (3 rows of 4) as sform and as qform (rotation as a quaternion, a reflection
     * as qfac = −1, column lengths as pixdim[1..3]), both with the given code.
     */
    public NiftiHeader withAffine(double[][] affine, int code) {
        byte[] copy = bytes.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(order);
        double[][] r = new double[3][3];
        for (int col = 0; col < 3; col++) {
            double length = Math.sqrt(affine[0][col] * affine[0][col] + affine[1][col] * affine[1][col]
                    + affine[2][col] * affine[2][col]);
            if (!(length > 0)) {
                throw new IllegalArgumentException("affine column " + col + " is zero");
            }
            b.putFloat(80 + 4 * col, (float) length);
            for (int row = 0; row < 3; row++) {
                r[row][col] = affine[row][col] / length;
            }
        }
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1])
                - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0]) + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        float qfac = 1f;
        if (det < 0) {
            qfac = -1f;
            for (int row = 0; row < 3; row++) {
                r[row][2] = -r[row][2];
            }
        }
        double[] quaternion = quaternion(r);
        b.putFloat(76, qfac);
        b.putShort(252, (short) code).putShort(254, (short) code);
        for (int n = 0; n < 3; n++) {
            b.putFloat(256 + 4 * n, (float) quaternion[n + 1]);
            b.putFloat(268 + 4 * n, (float) affine[n][3]);
            for (int col = 0; col < 4; col++) {
                b.putFloat(280 + 16 * n + 4 * col, (float) affine[n][col]);
            }
        }
        return new NiftiHeader(copy, order);
    }

    /** The unit quaternion (a, b, c, d), a ≥ 0, of a proper rotation matrix. */
    private static double[] quaternion(double[][] r) {
        double trace = r[0][0] + r[1][1] + r[2][2];
        double a;
        double qb;
        double qc;
        double qd;
        if (trace > -0.5) {
            a = 0.5 * Math.sqrt(1 + trace);
            qb = 0.25 * (r[2][1] - r[1][2]) / a;
            qc = 0.25 * (r[0][2] - r[2][0]) / a;
            qd = 0.25 * (r[1][0] - r[0][1]) / a;
        } else if (r[0][0] >= r[1][1] && r[0][0] >= r[2][2]) {
            qb = 0.5 * Math.sqrt(1 + r[0][0] - r[1][1] - r[2][2]);
            a = 0.25 * (r[2][1] - r[1][2]) / qb;
            qc = 0.25 * (r[0][1] + r[1][0]) / qb;
            qd = 0.25 * (r[0][2] + r[2][0]) / qb;
        } else if (r[1][1] >= r[2][2]) {
            qc = 0.5 * Math.sqrt(1 + r[1][1] - r[0][0] - r[2][2]);
            a = 0.25 * (r[0][2] - r[2][0]) / qc;
            qb = 0.25 * (r[0][1] + r[1][0]) / qc;
            qd = 0.25 * (r[1][2] + r[2][1]) / qc;
        } else {
            qd = 0.5 * Math.sqrt(1 + r[2][2] - r[0][0] - r[1][1]);
            a = 0.25 * (r[1][0] - r[0][1]) / qd;
            qb = 0.25 * (r[0][2] + r[2][0]) / qd;
            qc = 0.25 * (r[1][2] + r[2][1]) / qd;
        }
        if (a < 0) {
            return new double[] {-a, -qb, -qc, -qd};
        }
        return new double[] {a, qb, qc, qd};
    }

    private static short checkedShort(int size) {
        if (size < 1 || size > Short.MAX_VALUE) {
            throw new IllegalArgumentException("NIfTI-1 dimensions lie in 1..32767, got " + size);
        }
        return (short) size;
    }

    /** This header for the grid starting at plane {@code planes} along k: both affines' origins moved there. */
    public NiftiHeader shiftedAlongK(int planes) {
        double[][] q = qform();
        double[][] s = sform();
        byte[] copy = bytes.clone();
        ByteBuffer b = ByteBuffer.wrap(copy).order(order);
        for (int row = 0; row < 3; row++) {
            b.putFloat(268 + 4 * row, (float) (q[row][3] + planes * q[row][2]));
            b.putFloat(292 + 16 * row, (float) (s[row][3] + planes * s[row][2]));
        }
        return new NiftiHeader(copy, order);
    }

    /** The header's description field. */
    public String description() {
        int end = 148;
        while (end < 228 && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 148, end - 148, StandardCharsets.US_ASCII);
    }
}
