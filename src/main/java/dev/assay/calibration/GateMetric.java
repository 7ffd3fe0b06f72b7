package dev.assay.calibration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.assay.metrics.Agreement;
import dev.assay.platform.WireNames;
import java.util.function.ToDoubleFunction;

/**
 * A metric the promotion gate can check ({@code assay.gate.metrics}): how it is read off a run's
 * agreement summary, which direction is worse, and its margin in the configuration.
 */
enum GateMetric {
  QWK(Agreement.Summary::qwk, Direction.HIGHER_IS_BETTER),
  PEARSON(Agreement.Summary::pearson, Direction.HIGHER_IS_BETTER),
  RMSE(Agreement.Summary::rmse, Direction.LOWER_IS_BETTER),
  SMD(Agreement.Summary::smd, Direction.CLOSER_TO_ZERO_IS_BETTER);

  enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    CLOSER_TO_ZERO_IS_BETTER
  }

  final ToDoubleFunction<Agreement.Summary> value;
  final Direction direction;

  GateMetric(ToDoubleFunction<Agreement.Summary> value, Direction direction) {
    this.value = value;
    this.direction = direction;
  }

  /** The name in configuration, in stored decisions and in evaluation reports ({@code qwk}). */
  @JsonValue
  String wire() {
    return WireNames.of(this);
  }

  @JsonCreator
  static GateMetric fromWire(String wire) {
    return WireNames.parse(GateMetric.class, wire);
  }

  double margin(GateConfig config) {
    return switch (this) {
      case QWK -> config.qwkMargin();
      case PEARSON -> config.pearsonMargin();
      case RMSE -> config.rmseMargin();
      case SMD -> config.smdMargin();
    };
  }
}
