"""Tiny HTTP helpers shared by the benchmark scripts (standard library only)."""
import json
import os
import pathlib
import urllib.request


def api_key():
    """ASSAY_API_KEY, else the local admin key that bin/assay run keeps in .assay/admin-key."""
    key = os.environ.get("ASSAY_API_KEY")
    if key:
        return key
    return (pathlib.Path(__file__).resolve().parent.parent / ".assay" / "admin-key").read_text().strip()


class Client:
    def __init__(self, base):
        self.base = base
        self.headers = {"Authorization": "Bearer " + api_key()}

    def get(self, path):
        with urllib.request.urlopen(urllib.request.Request(self.base + path, headers=self.headers)) as r:
            return r.read().decode()

    def get_json(self, path):
        return json.loads(self.get(path))

    def post(self, path, body):
        req = urllib.request.Request(self.base + path, json.dumps(body).encode(), {"Content-Type": "application/json", **self.headers})
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())

    def put(self, path, body):
        req = urllib.request.Request(self.base + path, json.dumps(body).encode(), {"Content-Type": "application/json", **self.headers}, method="PUT")
        with urllib.request.urlopen(req) as r:
            return json.loads(r.read())

    def delete(self, path):
        req = urllib.request.Request(self.base + path, headers=self.headers, method="DELETE")
        with urllib.request.urlopen(req) as r:
            return r.status
