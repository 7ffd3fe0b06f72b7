package dev.assay.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {
  @Test
  void emailsUrlsAndPhoneNumbersAreReplaced() {
    assertEquals(
        "Mail [email], call [phone] or [phone], see [url].",
        Redaction.redact(
            "Mail jo.smith+cv@mail.example.co.uk, call +1 (415) 555-0134 or 020 7946 0958,"
                + " see https://github.com/jo/cv?tab=repos."));
    assertEquals("Visit [url] today", Redaction.redact("Visit www.example.org/path today"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "About 40 000 000 transactions a month, 0.15% fraud, 40 ms budget.",
        "Split on 2024-01-15 and again on 15/01/2025.",
        "We saw 1,250,000 requests and p99 of 120 ms at 20,000 rps.",
        "Version 3.37.3 of Quarkus and node.js 20.11.1.",
        "Thresholds 0.25 0.5 0.75 were tried on 3 folds of 10 000 rows.",
      })
  void ordinaryNumbersAreLeftAlone(String text) {
    assertEquals(text, Redaction.redact(text));
  }
}
