"""HTTP surface of the sandbox PBX: ARI routes, the /sandbox control API, the event WebSockets."""
