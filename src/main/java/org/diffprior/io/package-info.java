/** Image and k-space file formats (TIFF, DICOM, PNG, BART .cfl, fastMRI HDF5, NIfTI) and imglib2 conversions. */
package org.diffprior.io;
