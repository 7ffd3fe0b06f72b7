package dev.assay.platform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a closed set's enum is spelled on the wire and in the database: its constant's name in lower
 * case with hyphens ({@code TOO_HARSH} is {@code too-harsh}). Enums use it for their
 * {@code @JsonValue} and {@code @JsonCreator}, so the JSON stays what the strings were.
 */
public final class WireNames {
  private WireNames() {}

  public static String of(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The constant spelled {@code wire}; an {@link IllegalArgumentException} naming the allowed
   * spellings otherwise (Jackson reports it against the field).
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String wire) {
    for (E value : type.getEnumConstants()) {
      if (of(value).equals(wire)) {
        return value;
      }
    }
    throw new IllegalArgumentException("must be one of " + allowed(type));
  }

  /** The spellings, comma-separated, in declaration order. */
  public static String allowed(Class<? extends Enum<?>> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(WireNames::of)
        .collect(Collectors.joining(", "));
  }
}
