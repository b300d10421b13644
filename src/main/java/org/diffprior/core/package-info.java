/** Task-layer plumbing shared by every entry point: progress, cancellation, user-facing errors. */
package org.diffprior.core;
