# syntax=docker/dockerfile:1
# The broker's credentials sidecar (issue 17): org.clearway.deploy.DeviceCredentials with --every, which writes the
# devices' password file, ACL and the CRL the API signed from the registry, atomically, whenever they change
# (deploy/README.md, Security). Build from the repository root (deploy/compose/compose.yaml does the same):
#   docker build -f deploy/docker/credentials.Dockerfile -t clearway/credentials:dev .
# Configured by CLEARWAY_DB_URL, CLEARWAY_DB_USER, CLEARWAY_DB_PASSWORD, CLEARWAY_TOPIC_PREFIX and its options.

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# The deploy module and what it needs, without tests; then its runtime dependencies beside its jar.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl deploy -am -DskipTests package \
        org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies -DincludeScope=runtime \
 && mkdir -p /out/lib \
 && cp deploy/target/clearway-deploy-*.jar deploy/target/dependency/*.jar /out/lib/

FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 clearway \
 && useradd --system --uid 10001 --gid clearway --no-create-home --shell /usr/sbin/nologin clearway \
 && mkdir /devices && chown 10001:10001 /devices && chmod 0700 /devices
COPY --from=build /out/lib/ /app/lib/
# /devices belongs to the sidecar's user, so a new named volume mounted there does too (Docker copies it).
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-cp", "/app/lib/*", "org.clearway.deploy.DeviceCredentials"]
CMD ["--out", "/devices", "--every", "PT30S"]
