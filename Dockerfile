# The Voxflow image: API (python -m backend) and, once it exists, the flow runtime (python -m flow_runtime).
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends espeak-ng sox libsox-fmt-mp3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY backend backend
COPY flow_runtime flow_runtime
COPY tenants tenants
COPY asterisk-templates asterisk-templates
RUN pip install --no-cache-dir -e .
ENV VOXFLOW_HOST=0.0.0.0 VOXFLOW_PORT=8000 VOXFLOW_DATA_DIR=/data
VOLUME /data
EXPOSE 8000
CMD ["python", "-m", "backend"]
