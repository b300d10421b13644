/** DJL engine bootstrap, neural denoisers, training and the model store. The only package that touches DJL. */
package org.diffprior.djl;
