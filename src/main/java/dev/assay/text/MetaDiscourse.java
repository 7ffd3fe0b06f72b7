package dev.assay.text;

import java.util.Set;

/**
 * Words that talk about the answer rather than the subject: the act of asking and answering and its
 * framing ("question", "explain", "in conclusion"), greetings and thanks, the writer's attitude and
 * self-presentation ("hope", "passionate", "confident"), and emphasis without content ("clearly",
 * "really", "well"). The groups follow the usual classes of metadiscourse (frame markers,
 * engagement and attitude markers, boosters; Hyland, <i>Metadiscourse</i>, 2005). A sentence made
 * only of them carries nothing a rubric can credit ({@link OnTopic}). Held as {@link ContentWords}
 * stems.
 */
public final class MetaDiscourse {
  private static final Set<String> STEMS =
      ContentWords.of(
          String.join(
              " ",
              // asking, answering and framing
              "question questions answer answers answered answering response respond ask asked",
              "explain explained explanation describe described discuss mention note say said tell",
              "know let see read reader understand conclusion overall summary summarise summarize",
              "finally briefly",
              // greetings, thanks and courtesy
              "thank thanks thankful please hello hi hey dear good morning afternoon evening day",
              "wonderful great nice welcome sorry apologise apologize appreciate grateful",
              "opportunity pleasure",
              // the writer's attitude and self-presentation
              "hope hopefully think believe feel confident sure certain certainly honest honestly",
              "passionate passion love enjoy interesting interested interest exciting excited",
              "fascinating glad happy proud best interview knowledge demonstrate",
              // emphasis and vague reference
              "well clear clearly really actually definitely obviously basically truly indeed",
              "absolutely extremely quite thing things topic topics subject matter everything",
              "something anything everyone someone"));

  private MetaDiscourse() {}

  /** Whether {@code stem} (a {@link ContentWords} stem) is a meta-discourse word. */
  public static boolean contains(String stem) {
    return STEMS.contains(stem);
  }
}
