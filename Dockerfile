# syntax=docker/dockerfile:1
#
# Herald's container image: one binary, `herald`; the subcommand picks the
# role (`herald migrate | api | worker`), so the same image runs the migrate
# Job, the API and the worker (see k8s/).
#
#   docker build -t herald:dev .
#
# Stages (cargo-chef: dependencies are compiled in their own layer, which
# stays cached until Cargo.toml/Cargo.lock change, not on every source edit):
#   chef     the Rust toolchain + cargo-chef
#   planner  computes recipe.json (the dependency "skeleton") from the sources
#   builder  cooks (builds) the dependencies from the recipe, then the binary
#   runtime  debian bookworm-slim + libpq5 + CA certificates, non-root

# Keep in step with rust-toolchain.toml (which .dockerignore leaves out: the
# image's toolchain is the pin here, and rustup would otherwise download the
# clippy/rustfmt components that file lists).
ARG RUST_VERSION=1.95.0
# Builder and runtime must be the same Debian release: the binary links the
# builder's glibc and libpq.so.5, and runs against the runtime's.
ARG DEBIAN_RELEASE=bookworm

FROM rust:${RUST_VERSION}-${DEBIAN_RELEASE} AS chef
RUN cargo install cargo-chef --locked --version 0.1.78
WORKDIR /src

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
# libpq-dev: diesel's pq-sys links libpq (found through pkg-config).
# cmake: fallback build path of aws-lc-sys (jsonwebtoken's crypto backend).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq-dev pkg-config cmake \
    && rm -rf /var/lib/apt/lists/*
COPY --from=planner /src/recipe.json recipe.json
RUN cargo chef cook --release --locked -p herald-api --bin herald --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked -p herald-api --bin herald

FROM debian:${DEBIAN_RELEASE}-slim AS runtime
# libpq5: the PostgreSQL client library diesel links dynamically.
# ca-certificates: TLS to PostgreSQL/RabbitMQ/providers (rustls reads the
# system roots).
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
# A fixed numeric UID/GID (10001, matching runAsUser in k8s/), so the kubelet
# can verify runAsNonRoot without resolving names.
RUN groupadd --system --gid 10001 herald \
    && useradd --system --uid 10001 --gid 10001 --no-create-home \
       --home-dir /nonexistent --shell /usr/sbin/nologin herald
COPY --from=builder /src/target/release/herald /usr/local/bin/herald
USER 10001:10001
# Inside a container 127.0.0.1 (the binary's default) is unreachable from
# outside it, so the image listens on all interfaces; still overridable.
ENV HERALD_HTTP_ADDR=0.0.0.0:8080 \
    HERALD_METRICS_ADDR=0.0.0.0:9090
# glibc malloc: a fixed mmap threshold, so a large request body's buffer is
# mapped and unmapped on its own instead of staying in the heap (glibc's
# dynamic threshold otherwise keeps every later 4 MB body there): RSS after a
# hostile load 450 -> 150 MiB, see docs/hardening.md.
ENV MALLOC_MMAP_THRESHOLD_=131072 \
    MALLOC_TRIM_THRESHOLD_=131072
# 8080: the API (http); 9090: /metrics, plus the worker's /livez and /readyz.
EXPOSE 8080 9090
# herald handles SIGTERM/SIGINT itself (graceful drain), so it can be PID 1
# without an init shim.
ENTRYPOINT ["herald"]
CMD ["--help"]
