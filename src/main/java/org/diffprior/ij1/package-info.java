/**
 * ImageJ 1.x menus for plain ImageJ (Plugins › DiffPrior, from the {@code plugins.config} of the
 * {@code ij1_menus} jar, which only the ImageJ install carries): {@link ij.plugin.PlugIn} classes with a
 * {@link ij.gui.GenericDialog} whose macro keys are the Fiji commands' parameter names, calling the same task layer.
 */
package org.diffprior.ij1;
