package dev.assay.bank;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RubricImmutabilityTest {
  @Inject DataSource dataSource;

  @Test
  void theDatabaseRejectsChangesToARubricVersion() throws SQLException {
    // One row, not the shared table: were the guard missing, the other tests' rubrics stay.
    String one = " WHERE id = (SELECT min(id) FROM rubric_version)";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      SQLException update =
          assertThrows(
              SQLException.class,
              () -> s.executeUpdate("UPDATE rubric_version SET scale = 5" + one));
      assertTrue(update.getMessage().contains("immutable"), update.getMessage());
      SQLException delete =
          assertThrows(
              SQLException.class, () -> s.executeUpdate("DELETE FROM rubric_version" + one));
      assertTrue(delete.getMessage().contains("immutable"), delete.getMessage());
    }
  }
}
