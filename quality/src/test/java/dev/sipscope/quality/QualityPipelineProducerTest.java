package dev.sipscope.quality;

import dev.sipscope.decoder.rtp.RtpView;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer reads a plain RTP header (first octet 0x80) straight from the bytes; every field it
 * packs must be what {@link RtpView} gives for the same bytes, payload types RtpView refuses included.
 */
class QualityPipelineProducerTest {

    @Test
    void plainHeadersPackAsTheViewReadsThem() {
        SplittableRandom random = new SplittableRandom(3);
        QualityPipeline.Batch plain = new QualityPipeline.Batch(1, 0);
        QualityPipeline.Batch viewed = new QualityPipeline.Batch(1, 0);
        RtpView view = new RtpView();
        int invalid = 0;
        int events = 0;
        for (int n = 0; n < 200_000; n++) {
            int len = RtpView.FIXED_HEADER_LENGTH + (random.nextInt(4) == 0 ? random.nextInt(5) : random.nextInt(300));
            int off = random.nextInt(3);
            byte[] b = new byte[off + len + random.nextInt(3)];
            random.nextBytes(b);
            b[off] = (byte) 0x80;
            if (random.nextInt(8) == 0) {
                b[off + 1] = (byte) (72 + random.nextInt(5) + (random.nextBoolean() ? 0x80 : 0));
            }
            if (QualityEngine.isRtcp(b, off)) {
                continue;
            }
            plain.lengths[0] = viewed.lengths[0] = 7;
            plain.event[0] = viewed.event[0] = 7;
            long h = QualityPipeline.packPlain(b, off, len, plain, 0);
            assertEquals(QualityPipeline.packViewed(view, b, off, len, viewed, 0), h, "header");
            assertEquals(viewed.lengths[0], plain.lengths[0], "lengths");
            assertEquals(viewed.event[0], plain.event[0], "event word");
            invalid += h == QualityPipeline.INVALID ? 1 : 0;
            events += h != QualityPipeline.INVALID && plain.event[0] != RtpStream.NO_EVENT ? 1 : 0;
        }
        assertTrue(invalid > 1000, "payload types 72-76 were tried: " + invalid);
        assertTrue(events > 1000, "event words were read: " + events);
    }
}
