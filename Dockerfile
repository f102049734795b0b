# `sandbox serve` in a container: built in one stage, run in another as a non-root user, on a
# root file system that can be mounted read-only (the server writes nothing to disk).
#
#   docker build -t sandbox .
#   docker run --read-only --cap-drop=ALL --security-opt=no-new-privileges \
#     --memory=2g --pids-limit=256 -p 8787:8787 \
#     -v "$PWD/tokens:/run/secrets/sandbox-tokens:ro" sandbox
#
# The `v8` crate downloads its prebuilt V8 library while building; where that cannot reach
# the network, put the archive in the build context and pass its path in the context:
# `--build-arg RUSTY_V8_ARCHIVE=/src/librusty_v8.a`. See README.md, "Serving".

FROM rust:1.95-bookworm AS build
ARG RUSTY_V8_ARCHIVE=
ENV RUSTY_V8_ARCHIVE=${RUSTY_V8_ARCHIVE}
WORKDIR /src
COPY . .
RUN cargo build --release --locked -p sandbox \
 && install -D -m 0755 target/release/sandbox /out/sandbox

FROM debian:bookworm-slim
# CA certificates for outbound policies that reach HTTPS hosts and for an https OTLP
# collector; nothing else is installed.
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin sandbox
COPY --from=build /out/sandbox /usr/local/bin/sandbox
USER 10001:10001
EXPOSE 8787
# Listening on every interface needs tokens: mount a file of them (one a line) here.
ENTRYPOINT ["/usr/local/bin/sandbox", "serve", "--listen", "0.0.0.0:8787"]
CMD ["--token-file", "/run/secrets/sandbox-tokens"]
