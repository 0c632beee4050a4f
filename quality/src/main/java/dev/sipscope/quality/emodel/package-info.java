/**
 * The ITU-T G.107 E-model (QUALITY.md §8): the full 06/2015 computation
 * ({@link dev.sipscope.quality.emodel.EModel}), R→MOS and the Annex B percentages
 * ({@link dev.sipscope.quality.emodel.Mos}), G.109 classes, the simplified forms S1/S2/S3, the
 * VoIPmonitor MOS formula, and the codec table of Ie/Bpl/look-ahead values. Pure functions and
 * immutable values.
 */
package dev.sipscope.quality.emodel;
