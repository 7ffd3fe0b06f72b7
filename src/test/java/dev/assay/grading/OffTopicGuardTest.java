package dev.assay.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OffTopicGuardTest {
  @Test
  void theRationaleQuotesWhatEarnedNothingShortened() {
    assertEquals(
        "One sentence that does not speak to the question earned no credit (\"Good morning!\"); the"
            + " grade is of the rest. ",
        OffTopicGuard.notCredited(List.of("Good morning!")));
    String long1 = "I hope ".repeat(20).trim() + ".";
    String said =
        OffTopicGuard.notCredited(List.of("Hello.", long1, "Thanks.", "Have a wonderful day."));
    assertEquals(
        "4 sentences that do not speak to the question earned no credit (\"Hello.\", \""
            + long1.substring(0, 77)
            + "...\" and 2 more); the grade is of the rest. ",
        said);
  }
}
