/**
 * Running one DiffPrior command on every file of a folder ({@code diffprior batch}): per-file command
 * lines, skipping of finished outputs, capture of each failure's one-line reason, optional PSNR/SSIM
 * against ground truth and an atomically written summary CSV.
 * <ul>
 * <li>{@link org.diffprior.batch.BatchRunner}: the loop; {@link org.diffprior.batch.BatchRequest} says what
 * to run, {@link org.diffprior.batch.CommandRunner} how one command line runs (in-process in the CLI).</li>
 * <li>{@link org.diffprior.batch.InputConventions}: which option receives the input file and which files
 * match by default, per command.</li>
 * <li>{@link org.diffprior.batch.FileOutcome} and {@link org.diffprior.batch.SummaryCsv}: one row per file.</li>
 * </ul>
 */
package org.diffprior.batch;
