"""Small valid flow graphs for API tests, in the editor's format."""

from __future__ import annotations


def node(node_id: str, node_type: str, x: float = 0, **data) -> dict:
    return {"id": node_id, "type": node_type, "position": {"x": x, "y": 0}, "data": data}


def edge(source: str, output: str, target: str) -> dict:
    return {"id": f"{source}-{output}-{target}", "source": source, "sourceHandle": output, "target": target}


def greeting_flow(text: str = "Здравствуйте! Вы позвонили в компанию.", audio_id: str | None = None) -> dict:
    """start → answer → play → hangup."""
    items = [{"kind": "tts", "text": text}] + ([{"kind": "audio", "audio_id": audio_id}] if audio_id else [])
    return {
        "nodes": [node("start", "start", trigger="inbound_number"), node("answer", "answer", 200),
                  node("hello", "play", 400, prompt={"items": items, "language": "ru"}), node("bye", "hangup", 600)],
        "edges": [edge("start", "next", "answer"), edge("answer", "next", "hello"), edge("hello", "done", "bye")],
    }


def broken_flow() -> dict:
    """Two start nodes and an edge to nowhere: errors that block publishing."""
    graph = greeting_flow()
    graph["nodes"].append(node("start2", "start", trigger="inbound_number"))
    graph["edges"].append(edge("bye", "next", "ghost"))
    return graph
