# syntax=docker/dockerfile:1
# The dashboard API (docs/api.md), built like ingest.Dockerfile. Build from the repository root:
#   docker build -f deploy/docker/api.Dockerfile -t clearway/api:dev .
# Configured by the CLEARWAY_API_* variables of docs/api.md and the database ones of README.md.

FROM eclipse-temurin:21-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The dashboard-api module and what it needs, without tests; then its runtime dependencies beside its jar.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl dashboard-api -am -DskipTests package \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /out/lib \
 && cp dashboard-api/target/clearway-dashboard-api-*.jar dashboard-api/target/dependency/*.jar /out/lib/

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 clearway \
 && useradd --system --uid 10001 --gid clearway --no-create-home --shell /usr/sbin/nologin clearway
COPY --from=build /out/lib/ /app/lib/
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8082
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8082/health || exit 1
# Exec form: java is PID 1 and gets SIGTERM and stops gracefully.
ENTRYPOINT ["java", "-cp", "/app/lib/*", "org.clearway.api.app.ApiMain"]
