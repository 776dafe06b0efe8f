# One image per service, built from the repository root:
#   docker build --build-arg MODULE=api .      (docker-compose.yml passes it)
#   docker build --build-arg MODULE=worker .
ARG MODULE=api

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
# every module the root pom.xml lists, as Maven reads them all, even those -pl leaves out
# (DockerfileBuildTest replays this stage; .dockerignore keeps target/ and .local/ out)
COPY shared shared
COPY embedded embedded
COPY testkit testkit
COPY api api
COPY worker worker
COPY local local
COPY bench bench
COPY architecture architecture
RUN ./mvnw -B -ntp -pl ${MODULE} -am package -DskipTests

FROM eclipse-temurin:17-jre
ARG MODULE
RUN useradd --system --uid 10001 exports
USER exports
COPY --from=build /src/${MODULE}/target/${MODULE}-*-exec.jar /app/service.jar
# api: 8080 the API, 8081 the actuator (health details, prometheus), for the cluster only;
# worker: 8082 the actuator only (health, prometheus), as the worker serves no API
EXPOSE 8080 8081 8082
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
