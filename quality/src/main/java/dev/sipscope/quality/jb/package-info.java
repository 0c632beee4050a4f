/**
 * Jitter-buffer simulation (QUALITY.md §6): what a receiver with a fixed playout delay would have
 * discarded as too late, which turns jitter into "effective loss" for the loss-pattern metrics and the
 * E-model.
 */
package dev.sipscope.quality.jb;
