package org.diffprior.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import ij.ImagePlus;
import ij.util.DicomTools;
import org.diffprior.core.InvalidInputException;

/**
 * Reads a DICOM series (a folder holding the files of one series, or a single DICOM file) as a {@link Volume}:
 * slices sorted along the slice normal by Image Position (Patient), values in physical units (Rescale Slope and
 * Intercept applied, as {@link ImageFiles}), and the geometry of the DICOM standard (C.7.6.2.1.1: pixel (column c,
 * row r) of a slice lies at its position + c·Δc·row direction + r·Δr·column direction, in LPS millimetres) as a
 * NIfTI affine in RAS, qform and sform code 1 (scanner), as dcm2niix writes it. Files without position and
 * orientation (secondary captures) are stacked by Instance Number with the pixel spacing alone.
 *
 * <pre>{@code
 * Volume series = DicomSeries.read(Path.of("patient/series7"));
 * Nifti.write(series, Path.of("series7.nii.gz"));
 * }</pre>
 */
public final class DicomSeries {

    /** Relative tolerance on equal slice gaps, and on equal orientations (direction cosines). */
    private static final double TOLERANCE = 1e-3;

    private DicomSeries() {
    }

    /** True for a DICOM Part 10 file ("DICM" after the 128-byte preamble). */
    public static boolean isDicom(Path file) {
        return Files.isRegularFile(file) && ImageFiles.isDicom(file);
    }

    /** The series in a folder, or the one-file series of a DICOM file. */
    public static Volume read(Path path) {
        List<Path> files = files(path);
        List<Slice> slices = new ArrayList<>();
        for (Path file : files) {
            ImagePlus imp = ImageFiles.open(file);
            slices.add(new Slice(file, ImageFiles.planes(file, imp), imp));
        }
        Slice first = slices.get(0);
        Set<String> series = new LinkedHashSet<>();
        for (Slice slice : slices) {
            series.add(slice.tag("0020,000E"));
            if (slice.planes.width() != first.planes.width() || slice.planes.height() != first.planes.height()) {
                throw new InvalidInputException(path + ": " + slice.file.getFileName() + " is "
                        + slice.planes.width() + "x" + slice.planes.height() + " but " + first.file.getFileName()
                        + " is " + first.planes.width() + "x" + first.planes.height()
                        + "; a series needs slices of one size");
            }
            if (slices.size() > 1 && slice.planes.slices() > 1) {
                throw new InvalidInputException(path + ": " + slice.file.getFileName() + " holds "
                        + slice.planes.slices() + " frames; give a multi-frame file on its own, not in a folder");
            }
        }
        if (series.size() > 1) {
            throw new InvalidInputException(path + ": holds " + series.size() + " series (Series Instance UIDs "
                    + String.join(", ", series) + "); put each series in a folder of its own");
        }
        int width = first.planes.width();
        int height = first.planes.height();
        double[] spacing = first.pixelSpacing();
        double[] orientation = first.doubles("0020,0037", 6);
        boolean located = orientation != null && slices.stream().allMatch(s -> s.doubles("0020,0032", 3) != null);
        double[][] affine;
        if (located) {
            double[] normal = cross(orientation);
            for (Slice slice : slices) {
                double[] other = slice.doubles("0020,0037", 6);
                for (int n = 0; n < 6; n++) {
                    if (other == null || Math.abs(other[n] - orientation[n]) > TOLERANCE) {
                        throw new InvalidInputException(path + ": " + slice.file.getFileName()
                                + " has another Image Orientation (Patient) than " + first.file.getFileName()
                                + "; a volume needs slices of one orientation");
                    }
                }
            }
            slices.sort(Comparator.comparingDouble(s -> dot(s.doubles("0020,0032", 3), normal)));
            affine = affine(path, slices, orientation, normal, spacing, height, first);
        } else {
            slices.sort(Comparator.comparingInt(Slice::instanceNumber));
            double thickness = first.number("0018,0050", 1);
            affine = new double[][] {{spacing[1], 0, 0, 0}, {0, spacing[0], 0, 0}, {0, 0, thickness, 0}};
        }
        FloatImage planes;
        if (slices.size() == 1) {
            planes = first.planes;
        } else {
            planes = Stacks.planeByPlane(slices.size(), width, height, z -> slices.get(z).planes.data());
        }
        NiftiHeader header = NiftiHeader.of(width, height, planes.slices(), affine,
                located ? NiftiHeader.SCANNER_ANAT : 0);
        return new Volume(planes, header);
    }

    /** The voxel-to-RAS affine of slices sorted along the normal, rows flipped as {@link Volume} stores them. */
    private static double[][] affine(Path path, List<Slice> slices, double[] orientation, double[] normal,
            double[] spacing, int height, Slice first) {
        double[] origin = slices.get(0).doubles("0020,0032", 3);
        double[] step;
        int count = slices.size();
        if (count == 1) {
            double thickness = first.planes.slices() > 1 ? first.imp.getCalibration().pixelDepth
                    : first.number("0018,0050", 1);
            step = new double[] {normal[0] * thickness, normal[1] * thickness, normal[2] * thickness};
        } else {
            double[] last = slices.get(count - 1).doubles("0020,0032", 3);
            step = new double[3];
            for (int n = 0; n < 3; n++) {
                step[n] = (last[n] - origin[n]) / (count - 1);
            }
            double gap = Math.sqrt(dot(step, step));
            for (int s = 1; s < count; s++) {
                double[] a = slices.get(s - 1).doubles("0020,0032", 3);
                double[] b = slices.get(s).doubles("0020,0032", 3);
                double[] d = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
                double distance = Math.sqrt(dot(d, d));
                if (!(gap > 0) || Math.abs(distance - gap) > TOLERANCE * gap + 1e-4) {
                    throw new InvalidInputException(path + ": slices " + slices.get(s - 1).file.getFileName() + " and "
                            + slices.get(s).file.getFileName() + " lie " + String.format("%.4g", distance)
                            + " mm apart where the series averages " + String.format("%.4g", gap)
                            + " mm (a gap, a repeated position or several echoes/times?); a volume needs evenly "
                            + "spaced slices: give the slices of one volume in a folder");
                }
            }
        }
        double rowSpacing = spacing[0];
        double columnSpacing = spacing[1];
        double[][] lps = new double[3][4];
        for (int n = 0; n < 3; n++) {
            lps[n][0] = columnSpacing * orientation[n];
            lps[n][1] = -rowSpacing * orientation[3 + n];
            lps[n][2] = step[n];
            lps[n][3] = origin[n] + (height - 1) * rowSpacing * orientation[3 + n];
        }
        for (int col = 0; col < 4; col++) { // LPS to RAS
            lps[0][col] = -lps[0][col];
            lps[1][col] = -lps[1][col];
        }
        return lps;
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            if (!Files.isRegularFile(path)) {
                throw new InvalidInputException(path + ": no such file or folder");
            }
            return List.of(path);
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(path)) {
            files = listing.filter(f -> !f.getFileName().toString().startsWith(".")).filter(DicomSeries::isDicom)
                    .sorted().toList();
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot be listed (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new InvalidInputException(path + ": a folder without DICOM files (files with the DICM marker); "
                    + "give an image file or a folder of one DICOM series");
        }
        return files;
    }

    private static double[] cross(double[] orientation) {
        return new double[] {orientation[1] * orientation[5] - orientation[2] * orientation[4],
                orientation[2] * orientation[3] - orientation[0] * orientation[5],
                orientation[0] * orientation[4] - orientation[1] * orientation[3]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    /** One file of the series: its planes and its DICOM tags (as ImageJ's DICOM reader lists them). */
    private record Slice(Path file, FloatImage planes, ImagePlus imp) {

        String tag(String tag) {
            String value = DicomTools.getTag(imp, tag);
            return value == null ? "" : value.trim();
        }

        /** The tag's backslash-separated numbers, or null when missing or not {@code count} numbers. */
        double[] doubles(String tag, int count) {
            String[] parts = tag(tag).split("\\\\");
            if (parts.length != count) {
                return null;
            }
            double[] values = new double[count];
            try {
                for (int n = 0; n < count; n++) {
                    values[n] = Double.parseDouble(parts[n].trim());
                }
            } catch (NumberFormatException e) {
                return null;
            }
            return values;
        }

        double number(String tag, double fallback) {
            double[] value = doubles(tag, 1);
            return value != null && value[0] > 0 ? value[0] : fallback;
        }

        int instanceNumber() {
            double[] value = doubles("0020,0013", 1);
            return value == null ? 0 : (int) value[0];
        }

        /** Pixel Spacing: the distance between rows, then between columns (mm); ImageJ's calibration if absent. */
        double[] pixelSpacing() {
            double[] spacing = doubles("0028,0030", 2);
            if (spacing != null && spacing[0] > 0 && spacing[1] > 0) {
                return spacing;
            }
            return new double[] {imp.getCalibration().pixelHeight, imp.getCalibration().pixelWidth};
        }
    }
}
