"""The Kubernetes manifests: valid for the stated version, and safe by construction."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest

from tests.infra.conftest import K8S, KUBERNETES_VERSION, yaml_documents

MANIFESTS = sorted(path for path in K8S.glob("*.yaml") if path.name != "kustomization.yaml")


def all_resources() -> list[dict[str, Any]]:
    return [doc for path in MANIFESTS for doc in yaml_documents(path)]


def pod_specs() -> list[tuple[str, dict[str, Any]]]:
    specs = []
    for doc in all_resources():
        kind, name = doc["kind"], doc["metadata"]["name"]
        if kind in {"Deployment", "Job"}:
            specs.append((name, doc["spec"]["template"]["spec"]))
        elif kind == "CronJob":
            specs.append((name, doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]))
    return specs


def by_name(kind: str, name: str) -> dict[str, Any]:
    return next(d for d in all_resources() if d["kind"] == kind and d["metadata"]["name"] == name)


def test_the_readme_states_the_validated_kubernetes_version() -> None:
    major_minor = ".".join(KUBERNETES_VERSION.split(".")[:2])
    assert f"Kubernetes {major_minor}" in (K8S / "README.md").read_text()


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_manifest_passes_strict_kubernetes_validation(path: Path) -> None:
    documents = yaml_documents(path)
    assert documents
    for document in documents:
        # Raises ValidationError on a wrong field, a missing required one or an unknown one.
        kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_strict_validation_rejects_an_unknown_field() -> None:
    """Guards the guard: a misspelt field must not pass."""
    deployment = by_name("Deployment", "kad-web")
    deployment["spec"]["template"]["spec"]["containers"][0]["readynessProbe"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(deployment, KUBERNETES_VERSION, strict=True)


def test_kustomization_lists_every_manifest_but_the_backup_example() -> None:
    kustomization = yaml_documents(K8S / "kustomization.yaml")[0]
    listed = set(kustomization["resources"])
    assert listed == {p.name for p in MANIFESTS} - {"backup-cronjob.yaml"}
    assert kustomization["namespace"] == "kad"


def test_every_pod_runs_non_root_read_only_without_privileges() -> None:
    assert len(pod_specs()) >= 6
    for name, spec in pod_specs():
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] != 0, name
        for container in spec["containers"] + spec.get("initContainers", []):
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True, (name, container["name"])
            assert context["allowPrivilegeEscalation"] is False, (name, container["name"])
            assert context["capabilities"]["drop"] == ["ALL"], (name, container["name"])


def test_every_container_has_resource_requests_and_a_memory_limit() -> None:
    for name, spec in pod_specs():
        for container in spec["containers"] + spec.get("initContainers", []):
            resources = container["resources"]
            assert {"cpu", "memory"} <= set(resources["requests"]), (name, container["name"])
            assert "memory" in resources["limits"], (name, container["name"])


def test_web_is_ready_on_readyz_alive_on_healthz_and_autoscaled() -> None:
    web = by_name("Deployment", "kad-web")
    container = web["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert container["livenessProbe"]["httpGet"]["path"] == "/healthz"
    hpa = by_name("HorizontalPodAutoscaler", "kad-web")
    assert hpa["apiVersion"] == "autoscaling/v2"
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "kad-web",
    }
    pdb = by_name("PodDisruptionBudget", "kad-web")
    assert pdb["spec"]["selector"]["matchLabels"] == web["spec"]["selector"]["matchLabels"]
    service = by_name("Service", "kad-web")
    assert service["spec"]["selector"] == web["spec"]["selector"]["matchLabels"]


def test_ingress_serves_https_to_the_web_service() -> None:
    ingress = by_name("Ingress", "kad")
    assert ingress["spec"]["tls"][0]["secretName"]
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    assert backend["name"] == "kad-web"


def test_one_worker_deployment_per_queue_group_covers_every_queue() -> None:
    from marketplace.celery import QUEUES

    served: list[str] = []
    for doc in all_resources():
        if doc["kind"] == "Deployment" and doc["metadata"]["name"].startswith("kad-worker-"):
            args = doc["spec"]["template"]["spec"]["containers"][0]["args"]
            served += args[args.index("-Q") + 1].split(",")
    assert sorted(served) == sorted(QUEUES)


def test_beat_is_a_single_replica_that_is_recreated() -> None:
    beat = by_name("Deployment", "kad-beat")
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"]["type"] == "Recreate"


def test_migrate_job_runs_migrate_and_pods_wait_for_it() -> None:
    job = by_name("Job", "kad-migrate")
    assert job["spec"]["template"]["spec"]["containers"][0]["args"][:3] == [
        "python",
        "manage.py",
        "migrate",
    ]
    for name in ("kad-web", "kad-worker-indexing", "kad-worker-payments", "kad-worker-reports"):
        init = by_name("Deployment", name)["spec"]["template"]["spec"]["initContainers"][0]
        assert "migrate --check" in " ".join(init["args"]), name


def test_the_secret_template_holds_placeholders_only() -> None:
    secret = by_name("Secret", "kad-secrets")
    for key, value in secret["stringData"].items():
        assert value == "" or "change-me" in value, key
        assert not re.search(r"sk_live_|whsec_[A-Za-z0-9]{20}", value), key
