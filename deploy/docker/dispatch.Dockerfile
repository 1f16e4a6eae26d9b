# syntax=docker/dockerfile:1
# The dispatch service (docs/dispatch.md), built like ingest.Dockerfile. Run two or more containers for a
# leader and standbys, all with the same CLEARWAY_DISPATCH_CLIENT_ID. Build from the repository root:
#   docker build -f deploy/docker/dispatch.Dockerfile -t clearway/dispatch:dev .
# Configured by the CLEARWAY_* environment variables of README.md and docs/dispatch.md. Route planning
# is pure Java (no native library since OR-Tools moved to the lab module), so any Temurin 21 image would do.

FROM eclipse-temurin:21-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The dispatch module and what it needs, without tests; then its runtime dependencies beside its jar.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl dispatch -am -DskipTests package \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /out/lib \
 && cp dispatch/target/clearway-dispatch-*.jar dispatch/target/dependency/*.jar /out/lib/

FROM eclipse-temurin:21-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 clearway \
 && useradd --system --uid 10001 --gid clearway --no-create-home --shell /usr/sbin/nologin clearway
COPY --from=build /out/lib/ /app/lib/
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8083
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null http://127.0.0.1:8083/health || exit 1
# Exec form: java is PID 1 and gets SIGTERM, so the leader finishes its message and releases the lock.
ENTRYPOINT ["java", "-cp", "/app/lib/*", "org.clearway.dispatch.app.DispatchMain"]
