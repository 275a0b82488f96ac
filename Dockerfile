# Multi-stage build of the standalone CI/CD dashboard.
#   docker build -t cicd-dashboard .
#   docker run -p 8080:8080 -v cicd-data:/data -e CICD_ADMIN_TOKEN=... cicd-dashboard
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl examples/standalone -am package

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
# The jar checks its own /health over loopback and exits 0 (UP) or 1.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-jar", "/app/cicd-dashboard.jar", "--healthcheck"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/cicd-dashboard.jar"]
