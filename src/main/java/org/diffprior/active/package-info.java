/**
 * Active subsampling (Active Diffusion Subsampling): choosing which k-space columns to acquire next from
 * the spread of posterior particles during the reverse diffusion, and where the acquired data come from.
 */
package org.diffprior.active;
