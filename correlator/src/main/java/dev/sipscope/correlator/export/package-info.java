/** Exports of what the engine found: JSON now; CSV, text ladders and capture subsets to come. */
package dev.sipscope.correlator.export;
