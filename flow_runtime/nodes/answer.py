"""answer: picks up an inbound call before anything is played."""

from flow_runtime.nodes.base import NEXT_OUTPUT, NodeDeclaration, Text


class AnswerNode(NodeDeclaration):
    type = "answer"
    category = "routing"
    icon = "phone-call"
    title = Text(en="Answer", ru="Ответить на вызов")
    description = Text(
        en="Answers the call (an outbound campaign call is already answered)",
        ru="Отвечает на вызов (вызов оповещения уже отвечен абонентом)",
    )
    output_rule = (NEXT_OUTPUT,)
