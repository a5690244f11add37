"""Renders visadesk's Kubernetes manifests and validates every object with independent tools.

usage: render_manifests.py KUSTOMIZE_DIR [KUSTOMIZE_DIR ...]

Each directory (the base, an overlay) is rendered with `kustomize build` or `kubectl kustomize`
when one is installed, and always with the small renderer below (what this repository's
overlays use: resources, namespace, images, strategic-merge patches); when both ran, they must
agree. Every built-in object is validated against the Kubernetes JSON schemas of
`kubernetes-validate` (strict: an unknown field is an error) for the oldest and the newest
Kubernetes version we claim; the ServiceMonitor, a custom resource of the Prometheus operator
whose schema no validator here ships, is checked against the part of its CRD schema we use
(SERVICE_MONITOR below, fields as in monitoring.coreos.com/v1).

Prints JSON {"renderer": ..., "rendered": {DIR: [objects]}} on success; on any failure, the
reasons on stderr and exit code 1.
"""
import copy
import difflib
import json
import os
import shutil
import subprocess
import sys

try:
    import jsonschema
    import kubernetes_validate
    import yaml
except ImportError as e:
    sys.exit(f"{e}: install kubernetes-validate and PyYAML "
             "(`python3 -m pip install kubernetes-validate pyyaml`; `bash deploy/local/test.sh` does it)")

KUBERNETES_VERSIONS = ["1.30.0", "1.37.0"]

SERVICE_MONITOR = {
    "type": "object",
    "required": ["apiVersion", "kind", "metadata", "spec"],
    "additionalProperties": False,
    "properties": {
        "apiVersion": {"const": "monitoring.coreos.com/v1"},
        "kind": {"const": "ServiceMonitor"},
        "metadata": {
            "type": "object",
            "required": ["name"],
            "properties": {"name": {"type": "string"}, "namespace": {"type": "string"},
                           "labels": {"type": "object", "additionalProperties": {"type": "string"}}},
        },
        "spec": {
            "type": "object",
            "required": ["selector", "endpoints"],
            "additionalProperties": False,
            "properties": {
                "jobLabel": {"type": "string"},
                "namespaceSelector": {"type": "object", "additionalProperties": False, "properties": {
                    "any": {"type": "boolean"}, "matchNames": {"type": "array", "items": {"type": "string"}}}},
                "selector": {"type": "object", "additionalProperties": False, "properties": {
                    "matchLabels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "matchExpressions": {"type": "array"}}},
                "endpoints": {"type": "array", "minItems": 1, "items": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "port": {"type": "string"},
                        "path": {"type": "string", "pattern": "^/"},
                        "scheme": {"enum": ["http", "https"]},
                        "interval": {"type": "string", "pattern": "^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"},
                        "scrapeTimeout": {"type": "string", "pattern": "^(0|(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$"},
                        "honorLabels": {"type": "boolean"},
                    },
                }},
            },
        },
    },
}


def load_all(path):
    with open(path) as f:
        return [doc for doc in yaml.safe_load_all(f) if doc is not None]


def merge(base, patch):
    """Strategic merge as kustomize applies it to what our patches touch: maps merge key by
    key; lists of named objects (containers, env, volumes, ports…) merge by name; other lists
    are replaced; a null value deletes the key."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            if value is None:
                out.pop(key, None)
            elif key in out:
                out[key] = merge(out[key], value)
            else:
                out[key] = copy.deepcopy(value)
        return out
    if (isinstance(base, list) and isinstance(patch, list) and patch
            and all(isinstance(item, dict) and "name" in item for item in base + patch)):
        out = [copy.deepcopy(item) for item in base]
        new = []
        for item in patch:
            same = [i for i, old in enumerate(out) if old["name"] == item["name"]]
            if same:
                out[same[0]] = merge(out[same[0]], item)
            else:
                new.append(copy.deepcopy(item))
        return new + out
    return copy.deepcopy(patch)


def identity(obj):
    return (obj["kind"], obj["metadata"]["name"])


def render(directory):
    """The objects `kustomize build DIRECTORY` produces, for the features our files use."""
    kustomization = load_all(os.path.join(directory, "kustomization.yaml"))[0]
    known = {"apiVersion", "kind", "resources", "namespace", "images", "patches", "labels"}
    unknown = set(kustomization) - known
    if unknown:
        raise SystemExit(f"{directory}/kustomization.yaml: the built-in renderer does not know {sorted(unknown)}")
    objects = []
    for resource in kustomization.get("resources", []):
        path = os.path.join(directory, resource)
        objects += render(path) if os.path.isdir(path) else load_all(path)
    for patch in kustomization.get("patches", []):
        for change in load_all(os.path.join(directory, patch["path"])):
            targets = [i for i, obj in enumerate(objects) if identity(obj) == identity(change)]
            if not targets:
                raise SystemExit(f"{directory}/{patch['path']}: no {identity(change)} to patch")
            objects[targets[0]] = merge(objects[targets[0]], change)
    for image in kustomization.get("images", []):
        for obj in objects:
            for container in pod_containers(obj):
                name, _, _ = container["image"].partition(":")
                if name == image["name"]:
                    container["image"] = f"{image.get('newName', name)}:{image['newTag']}"
    if "namespace" in kustomization:
        for obj in objects:
            obj["metadata"]["namespace"] = kustomization["namespace"]
    for label in kustomization.get("labels", []):
        for obj in objects:
            obj["metadata"].setdefault("labels", {}).update(label["pairs"])
            if label.get("includeTemplates"):
                template = obj.get("spec", {}).get("template")
                if template is not None:
                    template["metadata"].setdefault("labels", {}).update(label["pairs"])
    return objects


def pod_containers(obj):
    spec = obj.get("spec", {}).get("template", {}).get("spec", {})
    return spec.get("containers", []) + spec.get("initContainers", [])


def kustomize_command():
    if shutil.which("kustomize"):
        return ["kustomize", "build"]
    if shutil.which("kubectl"):
        return ["kubectl", "kustomize"]
    return None


def validate(obj, where):
    problems = []
    if obj.get("apiVersion", "").startswith("monitoring.coreos.com/"):
        for error in jsonschema.Draft7Validator(SERVICE_MONITOR).iter_errors(obj):
            problems.append(f"{where}: {'.'.join(map(str, error.path))}: {error.message}")
        return problems
    for version in KUBERNETES_VERSIONS:
        try:
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.ValidationError as e:
            path = ".".join(map(str, e.path))
            problems.append(f"{where} (Kubernetes {version}): {path}: {e.message}")
        except kubernetes_validate.SchemaNotFoundError as e:
            problems.append(f"{where}: no schema for {e}: an unknown kind or apiVersion")
    return problems


def main(directories):
    command = kustomize_command()
    rendered, problems = {}, []
    for directory in directories:
        objects = render(directory)
        if command:
            out = subprocess.run(command + [directory], capture_output=True, text=True)
            if out.returncode != 0:
                problems.append(f"{' '.join(command)} {directory} failed: {out.stderr}")
            else:
                theirs = {identity(o): o for o in yaml.safe_load_all(out.stdout) if o}
                ours = {identity(o): o for o in objects}
                for key in sorted(set(theirs) | set(ours)):
                    if theirs.get(key) != ours.get(key):
                        diff = difflib.unified_diff(
                            json.dumps(theirs.get(key), indent=1, sort_keys=True).splitlines(),
                            json.dumps(ours.get(key), indent=1, sort_keys=True).splitlines(),
                            "kustomize", "built-in", lineterm="")
                        problems.append(f"{directory}: {key} rendered differently:\n" + "\n".join(diff))
        for obj in objects:
            problems += validate(obj, f"{directory}: {obj.get('kind')}/{obj.get('metadata', {}).get('name')}")
        rendered[directory] = objects
    if problems:
        sys.exit("\n".join(problems))
    json.dump({"renderer": " ".join(command) if command else "built-in", "rendered": rendered}, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
