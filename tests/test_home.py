"""The site root, the address `make run` prints."""


def test_it_leads_from_the_root_to_the_admin(client):
    response = client.get("/", secure=True)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
