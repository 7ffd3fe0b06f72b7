package dev.assay.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;

/** Content hashes of values, from JSON with map keys sorted so equal values hash alike. */
@ApplicationScoped
public class CanonicalJson {
  private final ObjectMapper mapper;

  CanonicalJson(ObjectMapper json) {
    this.mapper = json.copy().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
  }

  /** SHA-256 of the canonical JSON form of {@code value}. */
  public String hash(Object value) {
    try {
      return Hashing.sha256(mapper.writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not serialisable as JSON", e);
    }
  }
}
