/**
 * Active subsampling (Active Diffusion Subsampling, notes/algorithms.md §3): choosing which k-space columns to
 * acquire next from the spread of posterior particles during the reverse diffusion, and where the acquired
 * data come from.
 *
 * <ul>
 * <li>{@link org.diffprior.active.ActiveSubsampling}: the task layer; the loop on the DDS sampler and the
 *     fixed-mask baseline with the same prior and solver.</li>
 * <li>{@link org.diffprior.active.AdsSettings}: the options of a run, built from the defaults.</li>
 * <li>{@link org.diffprior.active.AcquisitionSchedule}: at which reverse steps columns are acquired.</li>
 * <li>{@link org.diffprior.active.ColumnSelection}: entropy and max-variance scores of unacquired columns.</li>
 * <li>{@link org.diffprior.active.MeasurementSource}, {@link org.diffprior.active.RetrospectiveSource}: column
 *     requests answered from fully sampled k-space (BART .cfl), in the layout of the MRI operators.</li>
 * </ul>
 */
package org.diffprior.active;
