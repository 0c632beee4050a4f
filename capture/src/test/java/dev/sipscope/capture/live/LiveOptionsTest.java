package dev.sipscope.capture.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LiveOptionsTest {

    @Test
    void defaultsSuitSipAndRtpCapture() {
        LiveOptions options = LiveOptions.of("eth0");
        assertThat(options.interfaceName()).isEqualTo("eth0");
        assertThat(options.filter()).isNull();
        assertThat(options.snaplenBytes()).isEqualTo(262_144);
        assertThat(options.promiscuous()).isTrue();
        assertThat(options.bufferSizeBytes()).isEqualTo(8 << 20);
        assertThat(options.readTimeoutMillis()).isEqualTo(100);
        assertThat(options.immediateMode()).isFalse();
        assertThat(options.nanosecondPrecision()).isTrue();
        assertThat(options.queueFrames()).isEqualTo(65_536);
        assertThat(options.queueBytes()).isEqualTo(32 << 20);
    }

    @Test
    void aBlankFilterMeansNoFilterAndAFilterIsTrimmed() {
        assertThat(LiveOptions.builder("lo").filter("   ").build().filter()).isNull();
        assertThat(LiveOptions.builder("lo").filter(" udp port 5060 ").build().filter()).isEqualTo("udp port 5060");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        LiveOptions options = LiveOptions.builder("any").filter("udp").snaplenBytes(1500).promiscuous(false)
                .bufferSizeBytes(1 << 20).readTimeoutMillis(10).immediateMode(true).nanosecondPrecision(false)
                .queueFrames(1024).queueBytes(1 << 20).build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.toBuilder().interfaceName("lo").build().interfaceName()).isEqualTo("lo");
    }

    @Test
    void outOfRangeValuesAreRefusedWithAReason() {
        assertThatThrownBy(() -> LiveOptions.of(" ")).hasMessage("the interface name is empty");
        assertThatThrownBy(() -> LiveOptions.builder("lo").snaplenBytes(0).build())
                .hasMessage("the snapshot length must be between 1 and 262144 bytes, not 0");
        assertThatThrownBy(() -> LiveOptions.builder("lo").snaplenBytes(262_145).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LiveOptions.builder("lo").bufferSizeBytes(1000).build())
                .hasMessageContaining("kernel buffer");
        assertThatThrownBy(() -> LiveOptions.builder("lo").readTimeoutMillis(0).build())
                .hasMessageContaining("read timeout");
        assertThatThrownBy(() -> LiveOptions.builder("lo").queueFrames(1000).build())
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> LiveOptions.builder("lo").queueBytes(262_144).build())
                .hasMessageContaining("two full frames");
    }
}
