/** SciJava commands under Plugins > DiffPrior, and static call() entry points for plain ImageJ 1.x macros. */
package org.diffprior.command;
