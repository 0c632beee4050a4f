package dev.sipscope.capture.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sipscope.capture.live.LiveCaptureException.Reason;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Error translation, against the real libpcap where it matters and on libpcap's texts otherwise. */
@Timeout(30)
class LiveCaptureErrorsTest {

    @Test
    void anUnknownInterfaceIsNamedAndTheListCommandSuggested() {
        LiveTestSupport.assumeLibpcapPresent();
        // Works as root (libpcap: "No such device exists") and as a user ("Operation not permitted").
        assertThatThrownBy(() -> LiveCapture.open(LiveOptions.of("nosuch-sip0")))
                .isInstanceOfSatisfying(LiveCaptureException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_INTERFACE);
                    assertThat(e.getMessage()).isEqualTo("There is no network interface named \"nosuch-sip0\": "
                            + "run `sipscope capture --list` to see the interfaces you can capture on.");
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void anUnknownInterfaceAlsoFailsTheFrameSourceWithoutStartingAThread() {
        LiveTestSupport.assumeLibpcapPresent();
        long before = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(LiveFrameSource.THREAD_NAME)).count();
        assertThatThrownBy(() -> LiveFrameSource.open(LiveOptions.of("nosuch-sip1")))
                .isInstanceOf(LiveCaptureException.class).hasMessageContaining("nosuch-sip1");
        long after = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(LiveFrameSource.THREAD_NAME)).count();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theInterfaceListHasTheLoopbackWithItsFlagsAndAddresses() throws Exception {
        LiveTestSupport.assumeLibpcapPresent();
        List<LiveInterface> interfaces = LiveCapture.listInterfaces();
        assertThat(interfaces).anySatisfy(i -> {
            assertThat(i.name()).isEqualTo("lo");
            assertThat(i.loopback()).isTrue();
            assertThat(i.up()).isTrue();
            assertThat(i.addresses()).contains(InetAddress.getByName("127.0.0.1"));
        });
        assertThat(LiveCapture.defaultInterfaceName(interfaces)).isNotEqualTo("lo");
        assertThat(LiveCapture.libpcapVersion()).containsIgnoringCase("libpcap");
    }

    @Test
    void permissionDeniedExplainsRootAndCapabilities() {
        LiveCaptureException e = LiveErrors.openFailed("eth0", LiveErrors.PCAP_ERROR_PERM_DENIED,
                "socket: Operation not permitted", true);
        assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
        assertThat(e.getMessage()).isEqualTo("Capturing on eth0 needs root or the CAP_NET_RAW and CAP_NET_ADMIN "
                + "capabilities (e.g. `sudo setcap cap_net_raw,cap_net_admin=eip $(readlink -f $(which java))`).");
        assertThat(LiveErrors.openFailed("eth0", null, "You don't have permission to capture on that device "
                + "(socket: Operation not permitted)", true).reason()).isEqualTo(Reason.PERMISSION_DENIED);
    }

    @Test
    void permissionDeniedOnAnUnlistedNameMeansTheInterfaceDoesNotExist() {
        LiveCaptureException e = LiveErrors.openFailed("eht0", LiveErrors.PCAP_ERROR_PERM_DENIED,
                "socket: Operation not permitted", false);
        assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_INTERFACE);
        assertThat(e.getMessage()).contains("\"eht0\"", "sipscope capture --list");
    }

    @Test
    void otherActivationErrorsAreOneSentenceEach() {
        assertThat(LiveErrors.openFailed("ifb0", LiveErrors.PCAP_ERROR_IFACE_NOT_UP, "That device is not up", true))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.INTERFACE_DOWN);
                    assertThat(e.getMessage()).isEqualTo("The interface ifb0 is down: bring it up "
                            + "(`ip link set ifb0 up`) or pick another one from `sipscope capture --list`.");
                });
        assertThat(LiveErrors.openFailed("wlan0", LiveErrors.PCAP_ERROR_PROMISC_PERM_DENIED,
                "You don't have permission to capture in promiscuous mode", true).getMessage())
                .contains("wlan0", "--no-promisc");
        assertThat(LiveErrors.openFailed("eth0", -1, "can't mmap rx ring: Cannot allocate memory\n", true))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FAILED);
                    assertThat(e.getMessage())
                            .isEqualTo("Cannot capture on eth0: can't mmap rx ring: Cannot allocate memory.");
                });
        assertThat(LiveErrors.captureFailed("eth0", "Error occurred: The interface disappeared").getMessage())
                .isEqualTo("Capture on eth0 stopped: The interface disappeared.");
        assertThat(LiveErrors.badFilter("host", "Error occurred in pcap_compile: syntax error").getMessage())
                .isEqualTo("The capture filter \"host\" is not valid: syntax error.");
    }

    @Test
    void aMissingLibpcapAsksForTheDistributionPackage() {
        String expected = "Live capture needs libpcap, which is not installed: run `apt-get install libpcap0.8` "
                + "(Debian/Ubuntu) or install your distribution's libpcap package.";
        LiveCaptureException first = LiveErrors.nativeUnavailable(new UnsatisfiedLinkError(
                "Unable to load library 'pcap':\nlibpcap.so: cannot open shared object file: No such file or directory"));
        assertThat(first.reason()).isEqualTo(Reason.LIBPCAP_MISSING);
        assertThat(first.getMessage()).isEqualTo(expected);
        assertThat(LiveErrors.nativeUnavailable(
                new NoClassDefFoundError("Could not initialize class org.pcap4j.core.NativeMappings")).getMessage())
                .isEqualTo(expected);
        assertThat(LiveErrors.nativeUnavailable(new ExceptionInInitializerError(
                new UnsatisfiedLinkError("Unable to load library 'pcap'"))).getMessage()).isEqualTo(expected);
    }

    @Test
    void otherNativeFailuresAreNotBlamedOnLibpcap() {
        assertThat(LiveErrors.nativeUnavailable(new UnsatisfiedLinkError(
                "Can't load library: /tmp/jna-123/jna456.tmp (libjnidispatch.so)")))
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo(Reason.FAILED);
                    assertThat(e.getMessage()).startsWith("Live capture could not load JNA's native library: ");
                });
        assertThat(LiveErrors.nativeUnavailable(new NoClassDefFoundError("org/pcap4j/core/Pcaps")).getMessage())
                .isEqualTo("Live capture is not available in this build: the class org.pcap4j.core.Pcaps is missing "
                        + "from the class path.");
    }

    @Test
    void rawIpDataLinkTypesAreRecordedAsLinktypeRaw() {
        assertThat(LiveCapture.toLinkType(12)).isEqualTo(101);
        assertThat(LiveCapture.toLinkType(14)).isEqualTo(101);
        assertThat(LiveCapture.toLinkType(1)).isEqualTo(1);
        assertThat(LiveCapture.toLinkType(113)).isEqualTo(113);
    }

    @Test
    void theDefaultInterfaceIsTheFirstUpNonLoopbackOneWithAnAddress() throws Exception {
        InetAddress v4 = InetAddress.getByName("192.0.2.2");
        LiveInterface lo = new LiveInterface("lo", null, List.of(InetAddress.getByName("127.0.0.1")), true, true, true);
        LiveInterface any = new LiveInterface("any", "Pseudo-device", List.of(), false, true, true);
        LiveInterface down = new LiveInterface("eth1", null, List.of(v4), false, false, false);
        LiveInterface nflog = new LiveInterface("nflog", "NFLOG", List.of(), false, false, false);
        LiveInterface eth0 = new LiveInterface("eth0", null, List.of(v4), false, true, true);
        assertThat(LiveCapture.defaultInterfaceName(List.of(any, lo, down, eth0))).isEqualTo("eth0");
        assertThat(LiveCapture.defaultInterfaceName(List.of(lo, down, any, nflog))).isEqualTo("any");
        assertThat(LiveCapture.defaultInterfaceName(List.of(nflog, lo))).isEqualTo("lo");
        assertThat(LiveCapture.defaultInterfaceName(List.of())).isEqualTo("any");
    }
}
