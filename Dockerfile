# syntax=docker/dockerfile:1
# Multi-stage build of the standalone CI/CD dashboard.
#   docker build -t cicd-dashboard .
#   docker run -p 8080:8080 -v cicd-data:/data -e CICD_ADMIN_TOKEN=... -e CICD_API_TOKEN=... cicd-dashboard
#   docker run -p 8080:8080 cicd-dashboard --demo          # a populated, moving dashboard to look at

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds (BuildKit); tests run in CI, not here.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl examples/standalone -am package

FROM eclipse-temurin:17-jre
RUN groupadd --system --gid 10001 cicd \
 && useradd --system --uid 10001 --gid cicd --home-dir /app --shell /usr/sbin/nologin cicd \
 && mkdir -p /app /data && chown cicd:cicd /data
WORKDIR /app
COPY --from=build /src/examples/standalone/target/cicd-dashboard.jar /app/cicd-dashboard.jar
USER cicd
ENV CICD_PORT=8080 \
    CICD_DATA_DIR=/data
EXPOSE 8080
VOLUME ["/data"]
# The jar asks its own /health over loopback: exit 0 on 200 (UP or DEGRADED), 1 otherwise (503 = DOWN).
# A small heap of its own, so the check never competes with the app for the container's memory.
HEALTHCHECK --interval=30s --timeout=10s --start-period=90s --retries=3 \
  CMD ["java", "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", "/app/cicd-dashboard.jar", "--healthcheck"]
# Exec form: java is PID 1 and gets SIGTERM from `docker stop`, which stops the app gracefully.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "/app/cicd-dashboard.jar"]
