package org.clearway.api.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NewReportTest {
    @Test
    void readsEveryFieldTrimmedAndBlankAsAbsent() {
        Map<String, String> form = new HashMap<>(Map.of("service_code", "damaged_bin", "lat", " 31.2 ", "long", "-121.4",
                "description", "  broken lid ", "email", "a@b.org", "phone", "", "media_url", "https://x.org/p.jpg"));
        NewReport r = NewReport.parse(form::get);
        assertThat(r.service()).isEqualTo(Open311Service.DAMAGED_BIN);
        assertThat(r.lat()).isEqualTo(31.2);
        assertThat(r.lon()).isEqualTo(-121.4);
        assertThat(r.description()).isEqualTo("broken lid");
        assertThat(r.phone()).isNull();
        assertThat(r.mediaUrl()).isEqualTo("https://x.org/p.jpg");
    }

    @Test
    void refusesWhatTheDatabaseWouldRefuseWithAMessageNamingTheField() {
        Map<String, String> form = new HashMap<>(Map.of("service_code", "overflowing_bin", "lat", "1", "long", "1"));
        form.put("first_name", "x".repeat(201));
        assertThatThrownBy(() -> NewReport.parse(form::get)).isInstanceOf(Open311Exception.class)
                .hasMessage("first_name is longer than 200 characters");
        form.put("first_name", "Ada\u0000");
        assertThatThrownBy(() -> NewReport.parse(form::get)).hasMessage("first_name holds control characters");
        form.put("first_name", "Ada");
        form.put("media_url", "ftp://x.org/a");
        assertThatThrownBy(() -> NewReport.parse(form::get)).hasMessage("media_url must be an http or https URL");
        form.remove("media_url");
        form.put("long", "Infinity");
        assertThatThrownBy(() -> NewReport.parse(form::get)).hasMessage("long must be between -180 and 180");
    }

    @Test
    void theServicesOpenTheirJobs() {
        assertThat(Open311Service.OVERFLOWING_BIN.jobReason()).isEqualTo("citizen");
        assertThat(Open311Service.OVERFLOWING_BIN.jobPriority()).isEqualTo("normal");
        assertThat(Open311Service.DAMAGED_BIN.jobReason()).isEqualTo("maintenance");
        assertThat(Open311Service.DAMAGED_BIN.jobPriority()).isEqualTo("maintenance");
        assertThat(Open311Service.ILLEGAL_DUMPING.jobReason()).isEqualTo("citizen");
        assertThat(Open311Api.jsonName("damaged_bin.json")).isEqualTo("damaged_bin");
        assertThatThrownBy(() -> Open311Api.jsonName("damaged_bin.xml")).hasMessageContaining("XML is not supported");
    }
}
