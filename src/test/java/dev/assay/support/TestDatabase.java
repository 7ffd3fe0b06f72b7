package dev.assay.support;

import io.quarkus.test.common.QuarkusTestResource;

/** Every {@code @QuarkusTest} of the suite shares one throwaway PostgreSQL with pgvector. */
@QuarkusTestResource(PostgresTestResource.class)
public final class TestDatabase {
  private TestDatabase() {}
}
