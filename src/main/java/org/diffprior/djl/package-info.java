/**
 * DJL engine bootstrap, neural denoisers, training and the model store. The only package that touches DJL.
 *
 * <ul>
 * <li>{@link org.diffprior.djl.EngineBootstrap}: offline mode, cache directory (DIFFPRIOR_CACHE or
 * ~/.diffprior/djl), context class loader, device (CPU by default; GPU only through a user-provided CUDA
 * libtorch named by PYTORCH_LIBRARY_PATH, PYTORCH_VERSION, PYTORCH_FLAVOR), thread counts
 * (DIFFPRIOR_THREADS); {@link org.diffprior.djl.ConvolutionSelfCheck} and
 * {@link org.diffprior.djl.EngineReport} for {@code diffprior info}.</li>
 * <li>{@link org.diffprior.djl.UNet}: the noise-conditional U-Net; every convolution's channel count is a
 * multiple of 16 because oneDNN gives wrong input gradients otherwise on AVX-512 CPUs.</li>
 * <li>{@link org.diffprior.djl.DjlDenoiser}: the {@link org.diffprior.prior.Denoiser} on a
 * {@link org.diffprior.djl.PriorModel} (djl weights or TorchScript), cached by
 * {@link org.diffprior.djl.ModelStore}.</li>
 * <li>{@link org.diffprior.djl.PriorTrainer}: {@code diffprior train}, with {@code TrainingCheckpoint},
 * {@code AdamUpdate}, {@code TrainedPackage} and {@link org.diffprior.djl.ValidationFigures}.</li>
 * </ul>
 *
 * <p>TorchScript models trained elsewhere: a module with {@code forward(x: (B, C, H, W), log_snr: (B,))}
 * returning (B, C, H, W), saved as {@code model.pt} next to a {@code model.json} with
 * {@code "format": "torchscript"}, its parameterisation (v, eps or x0), normalisation and the file's SHA-256
 * (see scripts/torchscript/make_fixture.py).
 */
package org.diffprior.djl;
