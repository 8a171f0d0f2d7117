def test_health(client):
    assert client.get("/health").get_json() == {"status": "ok"}


def test_launch_welcomes_and_asks_to_begin(conversation):
    conversation.launch()
    assert "Welcome" in conversation.speech
    assert conversation.attributes["step"] == "welcome"
    assert conversation.ended is False
