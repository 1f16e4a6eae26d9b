package org.clearway.api.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesTheFiveSpecialCharacters() {
        assertThat(Html.escape("<a href=\"x\" onclick='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    }

    @Test
    void leavesOtherTextAloneAndNullIsEmpty() {
        assertThat(Html.escape("Community 7 – Nordstraße, 50 %")).isEqualTo("Community 7 – Nordstraße, 50 %");
        assertThat(Html.escape(null)).isEmpty();
    }
}
