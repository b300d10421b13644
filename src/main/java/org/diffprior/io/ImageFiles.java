package org.diffprior.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import org.diffprior.core.InvalidInputException;
import org.diffprior.core.ThreadConsole;

/**
 * Reads a grey-scale image as float32 in physical units: TIFF through {@link TiffFiles} (bounded checks,
 * strict decoding), the rest (DICOM, PNG, ...) through ImageJ 1.x, whose density calibration is applied,
 * so a CT DICOM comes out in Hounsfield units
 * (raw × RescaleSlope + RescaleIntercept; ImageJ stores signed 16-bit data shifted by 32768 and folds
 * the shift into that calibration).
 *
 * <pre>{@code
 * FloatImage ct = ImageFiles.read(Path.of("CT_small.dcm"));   // values in HU
 * float air = ct.get(0, 0, 0);
 * }</pre>
 */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Reads an image or stack as float; bad files give an {@link InvalidInputException} naming the file. NIfTI files
     * ({@code .nii}, {@code .nii.gz}) and folders of a DICOM series are read as their volume's planes
     * ({@link Volumes}).
     */
    public static FloatImage read(Path file) {
        if (Nifti.isNifti(file)) {
            return Nifti.readVolume(file).planes();
        }
        if (Files.isDirectory(file)) {
            return DicomSeries.read(file).planes();
        }
        if (isTiff(file)) {
            return TiffFiles.read(file);
        }
        return planes(file, open(file));
    }

    /** TIFF is read by {@link TiffFiles}; a DICOM preamble may itself look like a TIFF header, and DICOM wins. */
    private static boolean isTiff(Path file) {
        return Files.isRegularFile(file) && TiffFiles.isTiff(file) && !isDicom(file);
    }

    /** Reads an image or stack with its calibration (pixel width, height and depth) as the voxel size. */
    static Volume readVolume(Path file) {
        if (isTiff(file)) {
            TiffFiles.Calibrated tiff = TiffFiles.readCalibrated(file);
            return volume(tiff.planes(), tiff.unit(), tiff.pixelWidth(), tiff.pixelHeight(), tiff.pixelDepth());
        }
        ImagePlus imp = open(file);
        Calibration calibration = imp.getCalibration();
        return volume(planes(file, imp), calibration.getUnit(), calibration.pixelWidth, calibration.pixelHeight,
                calibration.pixelDepth);
    }

    private static Volume volume(FloatImage planes, String unit, double width, double height, double depth) {
        double toMm = millimetres(unit);
        if (Double.isNaN(toMm)) {
            return Volume.of(planes);
        }
        return Volume.of(planes, new double[] {width * toMm, height * toMm, depth * toMm});
    }

    /** Millimetres per unit of an ImageJ calibration unit, NaN for none ("pixel") or one that is not a length. */
    private static double millimetres(String unit) {
        return switch (unit == null ? "" : unit.trim()) {
            case "mm" -> 1;
            case "cm" -> 10;
            case "m", "meter", "metre" -> 1000;
            case "micron", "um", "\u00b5m" -> 1e-3;
            case "nm" -> 1e-6;
            default -> Double.NaN;
        };
    }

    /** Opens a grey-scale image or stack with ImageJ, refusing what cannot be read faithfully. */
    static ImagePlus open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such file");
        }
        StringBuilder said = new StringBuilder();
        ImagePlus imp;
        try {
            imp = openQuietly(file, said);
        } catch (RuntimeException | OutOfMemoryError e) {
            if (isDicom(file)) {
                throw undecodableDicom(file, e);
            }
            throw new InvalidInputException(file + ": not a readable image (ImageJ's decoder failed: "
                    + e.getClass().getSimpleName() + " " + e.getMessage() + ")", e);
        }
        if (imp == null && isDicom(file)) {
            throw undecodableDicom(file, null);
        }
        if (imp == null && !reason(file, said).isEmpty()) {
            throw new InvalidInputException(file + ": not a readable image (" + reason(file, said) + ")");
        }
        if (imp == null || imp.getWidth() <= 0 || imp.getHeight() <= 0 || imp.getStackSize() <= 0) {
            throw new InvalidInputException(file + ": not an image ImageJ can read (expected TIFF, DICOM, PNG, "
                    + "NIfTI .nii/.nii.gz, a folder of one DICOM series, ...)");
        }
        if (imp.getBitDepth() == 24 || imp.isComposite() || imp.getNChannels() > 1) {
            throw new InvalidInputException(
                    file + ": colour or multi-channel image; convert it to one grey-scale channel first");
        }
        checkComplete(file, imp.getOriginalFileInfo());
        return imp;
    }

    /** The planes of an opened image as float in physical units (density calibration applied). */
    static FloatImage planes(Path file, ImagePlus imp) {
        Calibration calibration = imp.getCalibration();
        // Only 8- and 16-bit images carry a calibration table; ImageJ ignores calibration of float images.
        float[] table = calibration.calibrated() && imp.getBitDepth() != 32 ? calibration.getCTable() : null;
        ImageStack stack = imp.getStack();
        int w = imp.getWidth();
        int h = imp.getHeight();
        int n = stack.getSize();
        if ((long) w * h * n > Integer.MAX_VALUE) {
            throw new InvalidInputException(
                    file + ": too large to load at once (" + w + "x" + h + "x" + n + "); split it into slices");
        }
        return Stacks.planeByPlane(n, w, h, z -> {
            ImageProcessor ip = stack.getProcessor(z + 1);
            ip.setCalibrationTable(table);
            return (float[]) ip.convertToFloatProcessor().getPixels();
        });
    }

    /** ImageJ prints its decoding problems; they are kept in {@code said}, not shown (see {@link ThreadConsole}). */
    private static ImagePlus openQuietly(Path file, StringBuilder said) {
        return ThreadConsole.quietly(() -> IJ.openImage(file.toString()), said);
    }

    /** The first line of what ImageJ printed that says something about the file, or "". */
    private static String reason(Path file, CharSequence said) {
        for (String line : said.toString().split("\\R")) {
            String text = line.strip();
            if (text.startsWith("java") && text.contains("Exception: ")) {
                text = text.substring(text.indexOf("Exception: ") + "Exception: ".length());
            }
            if (!text.isEmpty() && !text.equals(file.toString()) && !text.startsWith("at ")
                    && !text.startsWith("Unsupported format or file not found") && !text.startsWith("java")) {
                return text.length() > 200 ? text.substring(0, 200) + "..." : text;
            }
        }
        return "";
    }

    private static InvalidInputException undecodableDicom(Path file, Throwable cause) {
        return new InvalidInputException(file + ": DICOM that ImageJ cannot decode (damaged or truncated, or a"
                + " compressed transfer syntax such as RLE or JPEG: decompress it first, e.g. gdcmconv --raw IN OUT)",
                cause);
    }

    /** DICOM Part 10 files have "DICM" after a 128-byte preamble. */
    static boolean isDicom(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(132);
            return head.length == 132 && head[128] == 'D' && head[129] == 'I' && head[130] == 'C' && head[131] == 'M';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * ImageJ fills missing bytes of a truncated uncompressed file with zeros and only logs a warning;
     * a reconstruction from such an image would be silently wrong, so refuse it.
     */
    private static void checkComplete(Path file, FileInfo info) {
        if (info == null || info.compression != FileInfo.COMPRESSION_NONE || info.getBytesPerPixel() == 0) {
            return;
        }
        long needed;
        long planeBytes = (long) info.width * info.height * info.getBytesPerPixel();
        if (info.stripOffsets != null && info.stripLengths != null && info.stripOffsets.length > 0
                && info.nImages <= 1) {
            needed = 0;
            for (int i = 0; i < info.stripOffsets.length; i++) {
                needed = Math.max(needed, (info.stripOffsets[i] & 0xffffffffL) + (info.stripLengths[i] & 0xffffffffL));
            }
        } else {
            int images = Math.max(1, info.nImages);
            needed = info.getOffset() + planeBytes * images + info.getGap() * (images - 1L);
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (needed > size) {
            throw new InvalidInputException(
                    file + ": truncated (" + size + " bytes, the header describes " + needed + ")");
        }
    }
}
