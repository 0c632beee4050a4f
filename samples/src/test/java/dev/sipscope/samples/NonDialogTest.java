package dev.sipscope.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NonDialogTest {

    @Test
    void optionsAndMessageAreSingleTransactionsWithoutDialogs() throws Exception {
        Scenario.Generated g = SampleCaptures.sipNonDialog().generate();
        List<SipTruthCheck.Pair> all = Ladders.read(g);
        ExchangeTruth ping = g.truth().exchange("ping");
        List<SipTruthCheck.Pair> p = Ladders.of(all, ping.callId());
        assertThat(p).extracting(x -> Ladders.label(x.truth())).containsExactly("OPTIONS", "200 OPTIONS");
        assertThat(p.get(0).view().firstLine()).isEqualTo("OPTIONS sip:10.8.0.2:5060 SIP/2.0");
        assertThat(p.get(0).view().header("Accept")).isEqualTo("application/sdp");
        assertThat(SipView.tagOf(p.get(1).view().header("To"))).isNotNull();
        assertThat(p.get(1).view().header("Allow")).contains("INVITE");
        assertThat(ping.dialogs()).isEmpty();
        assertThat(ping.transactions()).hasSize(1);
        assertThat(ping.finalStatus()).isEqualTo(200);
        assertThat(p).allMatch(x -> x.truth().dialog() == null);

        // nobody answers: timer E resends at 0.5, 1.5, 3.5, 7.5 s and then every T2 = 4 s until timer F (32 s)
        ExchangeTruth dead = g.truth().exchange("ping-dead");
        assertThat(dead.finalStatus()).isZero();
        long t0 = dead.messages().get(0).tsNanos();
        assertThat(dead.messages()).extracting(m -> (m.tsNanos() - t0) / 1_000_000L)
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L);
        assertThat(dead.transactions().get(0).retransmissions()).isEqualTo(10);

        ExchangeTruth im = g.truth().exchange("im");
        List<SipTruthCheck.Pair> m = Ladders.of(all, im.callId());
        assertThat(m.get(0).view().firstLine()).isEqualTo("MESSAGE sip:bob@10.8.1.2:5060 SIP/2.0");
        assertThat(m.get(0).view().header("Content-Type")).isEqualTo("text/plain;charset=UTF-8");
        assertThat(m.get(0).view().body()).isEqualTo("Hello Bob");
        assertThat(m.get(0).view().header("Contact")).isNull();
        assertThat(m.get(1).truth().statusCode()).isEqualTo(200);
        assertThat(g.truth().exchange("im-stored").finalStatus()).isEqualTo(202);
        assertThat(g.truth().exchange("im-stored").method()).isEqualTo("MESSAGE");
    }

    @Test
    void subscriptionIsADialogOfItsOwnEndedByTheLastNotify() throws Exception {
        Scenario.Generated g = SampleCaptures.sipNonDialog().generate();
        List<SipTruthCheck.Pair> all = Ladders.read(g);
        ExchangeTruth presence = g.truth().exchange("presence");
        List<SipTruthCheck.Pair> s = Ladders.of(all, presence.callId());
        assertThat(s).extracting(x -> Ladders.label(x.truth())).containsExactly("SUBSCRIBE", "200 SUBSCRIBE", "NOTIFY",
                "200 NOTIFY", "NOTIFY", "200 NOTIFY", "SUBSCRIBE", "200 SUBSCRIBE", "NOTIFY", "200 NOTIFY");
        assertThat(presence.dialogs()).hasSize(1);
        DialogTruth d = presence.dialogs().get(0);
        assertThat(d.usage()).isEqualTo("SUBSCRIBE");
        assertThat(d.state()).isEqualTo(DialogTruth.State.TERMINATED);
        assertThat(d.end()).isEqualTo(DialogTruth.End.SUBSCRIPTION_TERMINATED);
        assertThat(d.endedBy()).isEqualTo("bob");
        assertThat(d.confirmedNanos()).isEqualTo(s.get(1).truth().tsNanos());
        assertThat(d.terminatedNanos()).isEqualTo(s.get(8).truth().tsNanos());
        assertThat(s.get(0).truth().dialog()).isNull();
        assertThat(s.subList(1, s.size())).allMatch(x -> x.truth().dialog() == d);
        SipView subscribe = s.get(0).view();
        assertThat(subscribe.header("Event")).isEqualTo("presence");
        assertThat(subscribe.header("Accept")).isEqualTo("application/pidf+xml");
        assertThat(subscribe.header("Expires")).isEqualTo("600");
        SipView notify = s.get(2).view();
        assertThat(notify.header("Subscription-State")).startsWith("active;expires=");
        assertThat(notify.header("Content-Type")).isEqualTo("application/pidf+xml");
        assertThat(notify.body()).contains("<basic>open</basic>");
        assertThat(s.get(4).view().body()).contains("<basic>closed</basic>");
        assertThat(s.get(6).view().header("Expires")).isEqualTo("0");
        assertThat(SipView.tagOf(s.get(6).view().header("To"))).isEqualTo(d.toTag());
        assertThat(s.get(8).view().header("Subscription-State")).isEqualTo("terminated;reason=timeout");
        assertThat(presence.transactions()).extracting(TransactionTruth::method)
                .containsExactly("SUBSCRIBE", "NOTIFY", "NOTIFY", "SUBSCRIBE", "NOTIFY");

        ExchangeTruth mwi = g.truth().exchange("mwi");
        SipView summary = Ladders.first(Ladders.of(all, mwi.callId()), "NOTIFY").view();
        assertThat(summary.header("Event")).isEqualTo("message-summary");
        assertThat(summary.header("Content-Type")).isEqualTo("application/simple-message-summary");
        assertThat(summary.body()).startsWith("Messages-Waiting: yes\r\n");
    }

    @Test
    void registrationsCarryTheirTransactions() throws Exception {
        Scenario.Generated g = SampleCaptures.sipNonDialog().generate();
        Ladders.read(g);
        RegistrationTruth ok = g.truth().registrations().get(0);
        assertThat(ok.transactions()).hasSize(2);
        assertThat(ok.transactions()).extracting(TransactionTruth::finalStatus).containsExactly(401, 200);
        RegistrationTruth refused = g.truth().registrations().get(1);
        assertThat(refused.transactions()).extracting(TransactionTruth::finalStatus).containsExactly(401, 403);
        assertThat(g.truth().dialogs()).extracting(DialogTruth::usage).containsOnly("SUBSCRIBE");
    }

    @Test
    void requestDescriptionsAreChecked() {
        assertThatThrownBy(() -> Scenario.builder(1).message(m -> m.from(null, "10.0.0.1", 5060).to("b", "10.0.0.2", 5060))
                .build()).hasMessageContaining("user to a user");
        assertThatThrownBy(() -> Scenario.builder(1).options(o -> o.from(null, "10.0.0.1", 5060)).build())
                .hasMessageContaining("to(");
        assertThatThrownBy(() -> new SubscribeBuilder().event("dialog")).hasMessageContaining("presence");
        assertThatThrownBy(() -> Scenario.builder(1).subscribe(s -> s.subscriber("a", "10.0.0.1", 5060)
                .notifier("b", "2001:db8::2", 5060)).build()).hasMessageContaining("IP families");
    }
}
