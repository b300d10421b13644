/**
 * Files in and out, and the boundary to imglib2. Readers turn every bad file (missing, truncated, wrong
 * header, wrong type, dimensions that do not match) into an
 * {@link org.diffprior.core.InvalidInputException} with one line naming the file and the problem.
 * <ul>
 * <li>{@link org.diffprior.io.ImageFiles}: TIFF, DICOM (physical units, e.g. Hounsfield), PNG, ... through
 * ImageJ 1.x; {@link org.diffprior.io.Tiffs}: float32 TIFF out, atomically ({@link org.diffprior.io.AtomicFiles}:
 * the outputs of one call committed together or not at all).</li>
 * <li>{@link org.diffprior.io.CallFiles}: the files a call reads and writes, so that no output replaces an input or
 * another output.</li>
 * <li>{@link org.diffprior.io.Cfl}: BART .cfl/.hdr; {@link org.diffprior.io.FastMriFiles}: fastMRI HDF5 k-space
 * in BART layout ({@link org.diffprior.io.SliceRange}: which slices); {@link org.diffprior.io.Nifti}: NIfTI-1 volumes
 * with slice extraction, written back with their header.</li>
 * <li>{@link org.diffprior.io.Volumes}: images as {@link org.diffprior.io.Volume}s with their geometry (a
 * {@link org.diffprior.io.NiftiHeader}) from NIfTI, a {@link org.diffprior.io.DicomSeries} or a calibrated TIFF,
 * and out as NIfTI or calibrated TIFF.</li>
 * <li>{@link org.diffprior.io.Imglib2Images}: zero-copy wrapping as imglib2 {@code ArrayImg}s and back.</li>
 * <li>{@link org.diffprior.io.TrainingData} and {@link org.diffprior.io.SquareResampler}: the Colin27 and
 * DICOM training/validation data ({@code diffprior data}).</li>
 * </ul>
 */
package org.diffprior.io;
