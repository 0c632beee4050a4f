/** TCP stream reassembly with per-stream and global memory bounds. */
package dev.sipscope.decoder.tcp;
