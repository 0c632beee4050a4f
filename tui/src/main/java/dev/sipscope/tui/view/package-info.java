/**
 * Drawing primitives of the terminal UI, independent of any screen: a {@link
 * dev.sipscope.tui.view.Canvas} of cells (over a Lanterna screen, or over a plain text grid for
 * exports), the per-cell sanitiser ({@link dev.sipscope.tui.view.SafeText}) through which every
 * string passes before it reaches a cell, styles and their colour and monochrome themes, and the
 * glyph sets (Unicode box drawing, or ASCII).
 *
 * <p>Invariant: nothing is drawn except through a canvas, and a canvas draws nothing it has not
 * passed through {@link dev.sipscope.tui.view.SafeText#cells(String)}, so control characters and
 * escape sequences from the wire never reach the terminal, and text never spills out of its box.
 */
package dev.sipscope.tui.view;
