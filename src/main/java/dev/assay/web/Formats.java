package dev.assay.web;

import io.quarkus.qute.TemplateExtension;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Numbers and times as pages print them: {@code {fmt:num(x)}}, {@code {fmt:ago(t)}}. */
@TemplateExtension(namespace = "fmt")
public final class Formats {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

  private Formats() {}

  /** A moment in UTC to the minute: 2026-11-30 07:45 UTC. */
  public static String when(OffsetDateTime at) {
    return at == null ? "–" : WHEN.format(at.withOffsetSameInstant(ZoneOffset.UTC));
  }

  /** The start of a content hash, enough to tell versions apart by eye. */
  public static String hash(String hash) {
    return hash == null || hash.length() <= 12 ? String.valueOf(hash) : hash.substring(0, 12);
  }

  /** At most two decimals, without trailing zeros: 3, 2.5, 0.67. */
  public static String num(double x) {
    String s = String.format(Locale.ROOT, "%.2f", x);
    return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
  }

  /** A slug in words: "threshold-choice" is "Threshold choice". */
  public static String words(String slug) {
    String s = slug.replace('-', ' ');
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Rounded to a whole number: scores on 0-100. */
  public static String whole(double x) {
    return String.valueOf(Math.round(x));
  }

  public static String percent(double share) {
    return Math.round(share * 100) + "%";
  }

  /** How long ago, in the largest whole unit: "5 min ago", "3 h ago", "2 days ago". */
  public static String ago(OffsetDateTime at) {
    Duration d = Duration.between(at, OffsetDateTime.now());
    if (d.toMinutes() < 1) {
      return "just now";
    }
    if (d.toHours() < 1) {
      return d.toMinutes() + " min ago";
    }
    if (d.toDays() < 1) {
      return d.toHours() + " h ago";
    }
    return d.toDays() + (d.toDays() == 1 ? " day ago" : " days ago");
  }
}
