package dev.sipscope.quality.emodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** §8.3 derived constants, §8.13 E1–E12, S1*, CR*, H*, R→MOS spot checks, GoB/PoW, §8.11 VOIPMON. */
class EModelVectorsTest {
    private static final double EPS = 1e-6;

    @Test
    void derivedConstantsAtTheDefaults() {
        EModelResult r = EModel.compute(EModelParameters.DEFAULTS);
        assertThat(r.no()).isCloseTo(-61.179214, within(EPS));
        assertThat(r.ro()).isCloseTo(94.768822, within(EPS));
        assertThat(r.iolr()).isCloseTo(0.440178, within(EPS));
        assertThat(r.ist()).isCloseTo(-0.000715, within(EPS));
        assertThat(r.iq()).isCloseTo(0.974105, within(EPS));
        assertThat(r.is()).isCloseTo(1.413568, within(EPS));
        assertThat(r.idle()).isCloseTo(0.149046, within(EPS));
        assertThat(r.idte()).isZero();
        assertThat(r.idd()).isZero();
        assertThat(r.r()).isCloseTo(93.206208, within(EPS));
        assertThat(r.mos()).isCloseTo(4.409406, within(EPS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "E1, 0, 25.1, 0, 1, 0, 0, 0.149046, 0, 0, 93.206208, 4.409406",
            "E2, 0, 25.1, 1, 1, 0, 0, 0.149046, 0, 3.639847, 89.566361, 4.328232",
            "E3, 0, 25.1, 5, 1, 0, 0, 0.149046, 0, 15.780731, 77.425477, 3.923091",
            "E4, 0, 4.3, 1, 1, 0, 0, 0.149046, 0, 17.924528, 75.281679, 3.833916",
            "E5, 0, 4.3, 5, 1, 0, 0, 0.149046, 0, 51.075269, 42.130939, 2.169620",
            "E6, 0, 25.1, 0, 1, 150, 2.811844, 0.840747, 0.163531, 0, 89.539132, 4.327546",
            "E7, 0, 25.1, 0, 1, 300, 4.833940, 1.094259, 14.760695, 0, 72.666360, 3.719431",
            "E8, 0, 25.1, 1, 1, 150, 2.811844, 0.840747, 0.163531, 3.639847, 85.899285, 4.226067",
            "E9, 0, 25.1, 5, 2, 0, 0, 0.149046, 0, 17.210145, 75.996063, 3.864123",
            "E10, 11, 19, 2, 1, 0, 0, 0.149046, 0, 19.000000, 74.206208, 3.787558",
            "E11, 11, 19, 2, 1, 150, 2.811844, 0.840747, 0.163531, 19.000000, 70.539132, 3.622182",
            "E12, 15, 16.1, 0, 1, 0, 0, 0.149046, 0, 15.000000, 78.206208, 3.954433",
    })
    void fullModelTable(String id, double ie, double bpl, double ppl, double burstR, double ta, double idte,
                        double idle, double idd, double ieEff, double r, double mos) {
        EModelResult e = EModel.compute(EModelParameters.DEFAULTS.withCodec(ie, bpl).withLoss(ppl, burstR)
                .withOneWayDelay(ta));
        assertThat(e.idte()).isCloseTo(idte, within(EPS));
        assertThat(e.idle()).isCloseTo(idle, within(EPS));
        assertThat(e.idd()).isCloseTo(idd, within(EPS));
        assertThat(e.ieEff()).isCloseTo(ieEff, within(EPS));
        assertThat(e.r()).isCloseTo(r, within(EPS));
        assertThat(e.mos()).isCloseTo(mos, within(EPS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "S1a, 0, 25.1, 0, 1, 0, 93.200000, 4.409286",
            "S1b, 0, 25.1, 1, 1, 0, 89.560153, 4.328075",
            "S1c, 0, 25.1, 5, 1, 0, 77.419269, 3.922839",
            "S1d, 0, 25.1, 0, 1, 150, 93.036469, 4.406098",
            "S1e, 0, 25.1, 0, 1, 300, 78.439305, 3.963668",
            "S1f, 11, 19, 2, 1, 0, 74.200000, 3.787287",
            "S1g, 0, 25.1, 5, 2, 0, 75.989855, 3.863862",
    })
    void simplifiedS1(String id, double ie, double bpl, double ppl, double burstR, double ta, double r, double mos) {
        double got = SimplifiedEModel.s1(ta, ie, bpl, ppl, burstR, 0);
        assertThat(got).isCloseTo(r, within(EPS));
        assertThat(Mos.fromR(got)).isCloseTo(mos, within(EPS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "CR1, G711, 0, 0, 94.200000, 4.427799",
            "CR2, G711, 0.01, 0, 90.007142, 4.339175",
            "CR3, G711, 0.05, 0, 77.411526, 3.922525",
            "CR4, G711, 0, 150, 90.600000, 4.353421",
            "CR5, G711, 0, 300, 73.503000, 3.756695",
            "CR6, G729A, 0.02, 0, 75.907138, 3.860389",
            "CR7, G729A, 0.02, 150, 72.307138, 3.703256",
    })
    void coleRosenbluthS2(String id, SimplifiedEModel.CrCodec codec, double e, double d, double r, double mos) {
        double got = SimplifiedEModel.s2(codec, d, e);
        assertThat(got).isCloseTo(r, within(EPS));
        assertThat(Mos.fromR(got)).isCloseTo(mos, within(EPS));
    }

    @Test
    void hybridS3() {
        assertThat(SimplifiedEModel.s3(150, 0, 25.1, 0, 1)).isCloseTo(89.6, within(EPS));
        assertThat(Mos.fromR(89.6)).isCloseTo(4.329077, within(EPS));
        assertThat(SimplifiedEModel.s3(300, 0, 25.1, 0, 1)).isCloseTo(72.503, within(EPS));
        assertThat(Mos.fromR(72.503)).isCloseTo(3.712088, within(EPS));
    }

    @ParameterizedTest(name = "Ta {0}")
    @CsvSource({"100, 0, 2.4", "150, 0.163531, 3.6", "200, 3.044414, 7.297", "250, 8.916710, 13.997",
            "300, 14.760695, 20.697", "400, 24.070089, 34.097", "500, 30.635925, 47.497"})
    void delayTermsOfG107AndColeRosenbluth(double ta, double idd, double idCr) {
        assertThat(EModel.idd(ta)).isCloseTo(idd, within(EPS));
        assertThat(SimplifiedEModel.idColeRosenbluth(ta)).isCloseTo(idCr, within(EPS));
    }

    @ParameterizedTest(name = "R {0}")
    @CsvSource({"0, 1.0", "5, 1.0", "20, 1.252", "50, 2.575", "60, 3.1", "70, 3.597", "80, 4.024", "90, 4.339",
            "93.2, 4.409286", "100, 4.5"})
    void rToMosSpotChecks(double r, double mos) {
        assertThat(Mos.fromR(r)).isCloseTo(mos, within(EPS));
    }

    @Test
    void cubicDipsBelowOneAndIsClamped() {
        assertThat(Mos.rawFromR(5)).isCloseTo(0.992125, within(EPS));
        assertThat(Mos.fromR(5)).isEqualTo(1.0);
        assertThat(Mos.fromR(-3)).isEqualTo(1.0);
        assertThat(Mos.fromR(120)).isEqualTo(4.5);
    }

    @Test
    void goodOrBetterAndPoorOrWorse() {
        assertThat(Mos.goodOrBetterPct(93.206208)).isCloseTo(98.102471, within(EPS));
        assertThat(Mos.poorOrWorsePct(93.206208)).isCloseTo(0.129387, within(EPS));
        assertThat(Mos.goodOrBetterPct(77.425477)).isCloseTo(86.194341, within(EPS));
        assertThat(Mos.poorOrWorsePct(77.425477)).isCloseTo(2.135206, within(EPS));
        assertThat(Mos.normalCdf(0)).isCloseTo(0.5, within(1e-15));
        assertThat(Mos.normalCdf(-5)).isCloseTo(2.866515718791939e-7, within(1e-15));
    }

    @Test
    void g109Classes() {
        assertThat(QualityClass.of(93.2)).isEqualTo(QualityClass.BEST);
        assertThat(QualityClass.of(85)).isEqualTo(QualityClass.HIGH);
        assertThat(QualityClass.of(75)).isEqualTo(QualityClass.MEDIUM);
        assertThat(QualityClass.of(65)).isEqualTo(QualityClass.LOW);
        assertThat(QualityClass.of(55)).isEqualTo(QualityClass.POOR);
        assertThat(QualityClass.of(42)).isEqualTo(QualityClass.NOT_RECOMMENDED);
    }

    @ParameterizedTest(name = "ppl {0} burstr {1}")
    @CsvSource({"0.01, 1, 4.093036", "0.05, 1, 3.591189", "0.05, 2, 3.523244", "0.02, 1.5, 3.917229"})
    void voipmonitorFormula(double ppl, double burstR, double mos) {
        assertThat(VoipmonMos.mos(ppl, burstR)).isCloseTo(mos, within(EPS));
    }

    @Test
    void voipmonitorEdgeRules() {
        assertThat(VoipmonMos.mos(0, 1)).isEqualTo(4.5);
        assertThat(VoipmonMos.mos(0.6, 1)).isEqualTo(1.0);
        assertThat(VoipmonMos.intervalMos(4, 4, 500)).isEqualTo(4.5);
    }

    @Test
    void codecTableRowsAndFallback() {
        CodecImpairment pcmu = CodecTable.DEFAULT.lookup("pcmu", 0);
        assertThat(pcmu.ie()).isZero();
        assertThat(pcmu.bpl()).isEqualTo(25.1);
        assertThat(pcmu.kind()).isEqualTo(CodecProfileKind.EXACT);
        assertThat(CodecTable.DEFAULT.lookup(null, 18).ie()).isEqualTo(11);
        assertThat(CodecTable.DEFAULT.lookup(null, 4).bpl()).isEqualTo(16.1);
        CodecImpairment g728 = CodecTable.DEFAULT.lookup("G728", 15);
        assertThat(g728.kind()).isEqualTo(CodecProfileKind.PARTIAL);
        assertThat(g728.effectiveBpl()).isEqualTo(4.3);
        CodecImpairment opus = CodecTable.DEFAULT.lookup("opus", 111);
        assertThat(opus.kind()).isEqualTo(CodecProfileKind.FALLBACK);
        assertThat(opus.bpl()).isEqualTo(25.1);
        CodecTable custom = CodecTable.DEFAULT.with("opus", new CodecImpairment("Opus 24k", 6, 20, 6.5,
                CodecProfileKind.EXACT));
        assertThat(custom.lookup("OPUS", 111).ie()).isEqualTo(6);
    }
}
