# syntax=docker/dockerfile:1
# The simulator (simulated bin sensors publishing contract payloads), built like ingest.Dockerfile:
#   docker build -f deploy/docker/simulator.Dockerfile -t clearway/simulator:dev .
#   docker run --rm clearway/simulator:dev --help

FROM eclipse-temurin:21-jdk AS build
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl simulator -am -DskipTests package \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /out/lib \
 && cp simulator/target/clearway-simulator-*.jar simulator/target/dependency/*.jar /out/lib/

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 clearway \
 && useradd --system --uid 10001 --gid clearway --no-create-home --shell /usr/sbin/nologin clearway
COPY --from=build /out/lib/ /app/lib/
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-cp", "/app/lib/*", "org.clearway.simulator.cli.SimulatorCommand"]
