# syntax=docker/dockerfile:1
# The ingest service, built from this repository with the Maven wrapper and run on a JRE.
# Build from the repository root (deploy/compose/compose.yaml does the same):
#   docker build -f deploy/docker/ingest.Dockerfile -t clearway/ingest:dev .
# Configured by the CLEARWAY_* environment variables of README.md.

FROM eclipse-temurin:21-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The ingest module and what it needs, without tests; then its runtime dependencies beside its jar.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl ingest -am -DskipTests package \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /out/lib \
 && cp ingest/target/clearway-ingest-*.jar ingest/target/dependency/*.jar /out/lib/

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 clearway \
 && useradd --system --uid 10001 --gid clearway --no-create-home --shell /usr/sbin/nologin clearway
COPY --from=build /out/lib/ /app/lib/
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8081
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8081/health || exit 1
# Exec form: java is PID 1 and gets SIGTERM, so ingest flushes, commits and acknowledges on stop.
ENTRYPOINT ["java", "-cp", "/app/lib/*", "org.clearway.ingest.app.IngestMain"]
