/**
 * SciJava commands under Plugins > DiffPrior (MRI Reconstruction, CT Reconstruction, Super-Resolution, Train Prior,
 * Engine Info), each a thin layer over one task-layer call through {@code TaskCommand} (progress, cancel, one-line
 * errors), and static call() entry points for plain ImageJ 1.x macros.
 */
package org.diffprior.command;
