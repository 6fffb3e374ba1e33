"""Render kustomizations (the subset k8s/ uses) and validate the result."""
import copy
import glob
import json
import os
import re
import sys

import yaml

CLUSTER_SCOPED = {
    "Namespace", "Node", "PersistentVolume", "StorageClass", "PriorityClass",
    "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
    "ClusterTriggerAuthentication", "IngressClass", "RuntimeClass",
}
KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
SUPPORTED_KEYS = {"apiVersion", "kind", "namespace", "resources", "patches", "images"}


class Fail(Exception):
    pass


# ---------------------------------------------------------------- rendering
def load_docs(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def rid(obj):
    md = obj.get("metadata") or {}
    return (obj.get("apiVersion", ""), obj.get("kind", ""), md.get("namespace", ""), md.get("name", ""))


def rname(obj):
    md = obj.get("metadata") or {}
    ns = md.get("namespace")
    return "%s/%s%s" % (obj.get("kind"), (ns + "/") if ns else "", md.get("name"))


def pointer(path):
    if path == "":
        return []
    if not path.startswith("/"):
        raise Fail("bad JSON pointer %r" % path)
    return [p.replace("~1", "/").replace("~0", "~") for p in path[1:].split("/")]


def _walk(doc, parts, what):
    node = doc
    for p in parts:
        if isinstance(node, list):
            try:
                node = node[int(p)]
            except (ValueError, IndexError):
                raise Fail("%s: no element %r" % (what, p))
        elif isinstance(node, dict):
            if p not in node:
                raise Fail("%s: no key %r" % (what, p))
            node = node[p]
        else:
            raise Fail("%s: cannot descend into a scalar at %r" % (what, p))
    return node


def json6902(doc, ops, what):
    for op in ops:
        kind, path = op.get("op"), op.get("path")
        parts = pointer(path)
        if not parts:
            raise Fail("%s: patching the document root is not supported" % what)
        parent = _walk(doc, parts[:-1], "%s %s %s" % (what, kind, path))
        last = parts[-1]
        if kind in ("add", "replace"):
            value = copy.deepcopy(op["value"])
            if isinstance(parent, list):
                if last == "-" and kind == "add":
                    parent.append(value)
                    continue
                i = int(last)
                if kind == "add":
                    parent.insert(i, value)
                else:
                    if i >= len(parent):
                        raise Fail("%s: replace %s: no element %d" % (what, path, i))
                    parent[i] = value
            else:
                if kind == "replace" and last not in parent:
                    raise Fail("%s: replace %s: path does not exist" % (what, path))
                parent[last] = value
        elif kind == "remove":
            if isinstance(parent, list):
                del parent[int(last)]
            elif last in parent:
                del parent[last]
            else:
                raise Fail("%s: remove %s: path does not exist" % (what, path))
        elif kind == "test":
            if _walk(doc, parts, what) != op.get("value"):
                raise Fail("%s: test %s failed" % (what, path))
        else:
            raise Fail("%s: JSON6902 op %r is not supported by the fallback renderer" % (what, kind))


def label_selector_matches(selector, labels):
    for term in filter(None, (t.strip() for t in selector.split(","))):
        if "!=" in term:
            k, v = term.split("!=", 1)
            if labels.get(k.strip()) == v.strip():
                return False
        elif "=" in term:
            k, v = term.replace("==", "=").split("=", 1)
            if labels.get(k.strip()) != v.strip():
                return False
        else:
            raise Fail("label selector term %r is not supported by the fallback renderer" % term)
    return True


def target_matches(obj, target):
    group, _, version = obj.get("apiVersion", "").rpartition("/")
    md = obj.get("metadata") or {}
    for key, actual in (("kind", obj.get("kind")), ("name", md.get("name")),
                        ("namespace", md.get("namespace")), ("group", group), ("version", version)):
        if key in target and not re.fullmatch(target[key], actual or ""):
            return False
    if "labelSelector" in target and not label_selector_matches(target["labelSelector"], md.get("labels") or {}):
        return False
    unsupported = set(target) - {"kind", "name", "namespace", "group", "version", "labelSelector"}
    if unsupported:
        raise Fail("patch target keys %s are not supported by the fallback renderer" % sorted(unsupported))
    return True


def split_image(image):
    digest = None
    if "@" in image:
        image, digest = image.split("@", 1)
    tag = None
    slash = image.rfind("/")
    colon = image.rfind(":")
    if colon > slash:
        image, tag = image[:colon], image[colon + 1:]
    return image, tag, digest


def set_images(node, rule):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("containers", "initContainers") and isinstance(value, list):
                for c in value:
                    if isinstance(c, dict) and isinstance(c.get("image"), str):
                        name, tag, digest = split_image(c["image"])
                        if name != rule["name"]:
                            continue
                        name = rule.get("newName", name)
                        if "digest" in rule:
                            c["image"] = "%s@%s" % (name, rule["digest"])
                        elif "newTag" in rule:
                            c["image"] = "%s:%s" % (name, rule["newTag"])
                        else:
                            c["image"] = name + (":" + tag if tag else "") + ("@" + digest if digest else "")
            set_images(value, rule)
    elif isinstance(node, list):
        for item in node:
            set_images(item, rule)


def render(kdir):
    kfile = next((os.path.join(kdir, f) for f in KUSTOMIZATION_FILES if os.path.isfile(os.path.join(kdir, f))), None)
    if kfile is None:
        raise Fail("%s: no kustomization.yaml" % kdir)
    with open(kfile) as f:
        k = yaml.safe_load(f) or {}
    extra = set(k) - SUPPORTED_KEYS
    if extra:
        raise Fail("%s: kustomization fields %s are not supported by the fallback renderer "
                   "(it handles %s); keep k8s/ to that subset or extend scripts/validate-k8s"
                   % (kfile, sorted(extra), sorted(SUPPORTED_KEYS)))
    objs = []
    for res in k.get("resources") or []:
        path = os.path.normpath(os.path.join(kdir, res))
        if os.path.isdir(path):
            objs.extend(render(path))
        elif os.path.isfile(path):
            objs.extend(load_docs(path))
        else:
            raise Fail("%s: resource %s not found" % (kfile, res))
    seen = set()
    for o in objs:
        if rid(o) in seen:
            raise Fail("%s: duplicate resource %s" % (kfile, rname(o)))
        seen.add(rid(o))
    for i, p in enumerate(k.get("patches") or []):
        what = "%s patches[%d]" % (kfile, i)
        if "patch" in p:
            ops = yaml.safe_load(p["patch"])
        elif "path" in p:
            with open(os.path.join(kdir, p["path"])) as f:
                ops = yaml.safe_load(f)
        else:
            raise Fail("%s: needs `patch` or `path`" % what)
        if not isinstance(ops, list):
            raise Fail("%s: only JSON6902 (list of ops) patches are supported by the fallback renderer" % what)
        if "target" not in p:
            raise Fail("%s: JSON6902 patches need a target" % what)
        hits = [o for o in objs if target_matches(o, p["target"])]
        if not hits:
            raise Fail("%s: target %s matches no resource" % (what, p["target"]))
        for o in hits:
            json6902(o, ops, "%s on %s" % (what, rname(o)))
    for rule in k.get("images") or []:
        for o in objs:
            set_images(o, rule)
    if k.get("namespace"):
        for o in objs:
            if o.get("kind") not in CLUSTER_SCOPED:
                o.setdefault("metadata", {})["namespace"] = k["namespace"]
    return objs


def cmd_render(kdir, out):
    objs = render(kdir)
    with open(out, "w") as f:
        yaml.safe_dump_all(objs, f, sort_keys=True, default_flow_style=False)
    print("    rendered %s: %d objects" % (kdir, len(objs)))


def cmd_compare(a, b):
    da = {rid(o): o for o in load_docs(a)}
    db = {rid(o): o for o in load_docs(b)}
    bad = False
    for key in sorted(set(da) | set(db)):
        if key not in da or key not in db:
            print("    only in %s: %s" % (a if key in da else b, "/".join(key)))
            bad = True
        elif json.dumps(da[key], sort_keys=True) != json.dumps(db[key], sort_keys=True):
            import difflib
            diff = difflib.unified_diff(
                yaml.safe_dump(db[key], sort_keys=True).splitlines(),
                yaml.safe_dump(da[key], sort_keys=True).splitlines(),
                "kubectl kustomize", "fallback renderer", lineterm="")
            print("    differs: %s\n      %s" % ("/".join(key), "\n      ".join(diff)))
            bad = True
    if bad:
        raise Fail("the fallback renderer and kubectl kustomize disagree (see above)")
    print("    identical to kubectl kustomize (%d objects)" % len(da))


# --------------------------------------------------------------- CRD schemas
OBJECT_META = {
    "type": "object",
    "required": ["name"],
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "generateName": {"type": "string"},
        "namespace": {"type": "string"},
        "labels": {"type": "object", "additionalProperties": {"type": "string"}},
        "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
        "finalizers": {"type": "array", "items": {"type": "string"}},
        "ownerReferences": {"type": "array", "items": {"type": "object"}},
    },
}


def strictify(node):
    """OpenAPI v3 (structural) -> JSON Schema that rejects unknown fields."""
    if isinstance(node, list):
        return [strictify(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: strictify(v) for k, v in node.items()}
    if out.pop("nullable", False) and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    is_object = out.get("type") == "object" or "properties" in out
    if (is_object and not out.get("x-kubernetes-preserve-unknown-fields")
            and "additionalProperties" not in out):
        out["additionalProperties"] = False
    return out


def load_crds(crds_dir):
    index = {}
    files = sorted(glob.glob(os.path.join(crds_dir, "*.yaml")) + glob.glob(os.path.join(crds_dir, "*.yml")))
    for path in files:
        for doc in load_docs(path):
            if doc.get("kind") != "CustomResourceDefinition":
                continue
            spec = doc["spec"]
            for v in spec["versions"]:
                schema = strictify(copy.deepcopy(v["schema"]["openAPIV3Schema"]))
                props = schema.setdefault("properties", {})
                props["apiVersion"] = {"type": "string"}
                props["kind"] = {"type": "string"}
                props["metadata"] = OBJECT_META
                schema["required"] = sorted(set(schema.get("required", [])) | {"apiVersion", "kind", "metadata"})
                index[(spec["group"], v["name"], spec["names"]["kind"])] = (schema, os.path.basename(path))
    if not index:
        raise Fail("no CustomResourceDefinitions found in %s" % crds_dir)
    return index


def fmt_path(path):
    return ".".join(str(p) for p in path) or "<root>"


# ------------------------------------------------------------ invariants
def pod_spec(obj):
    return ((obj.get("spec") or {}).get("template") or {}).get("spec") or {}


def template_labels(obj):
    return (((obj.get("spec") or {}).get("template") or {}).get("metadata") or {}).get("labels") or {}


def selects(match_labels, labels):
    return bool(match_labels) and all(labels.get(k) == v for k, v in match_labels.items())


def invariants(objs, checked, errors):
    by_kind = {}
    for o in objs:
        by_kind.setdefault(o["kind"], {})[o["metadata"]["name"]] = o
    deps = by_kind.get("Deployment", {})
    workloads = list(deps.values()) + list(by_kind.get("Job", {}).values())
    configmaps = by_kind.get("ConfigMap", {})
    secrets_used = set()

    def check(cond, msg):
        checked.append(msg)
        if not cond:
            errors.append("invariant failed: " + msg)

    for w in workloads:
        name = rname(w)
        ps = pod_spec(w)
        psc = ps.get("securityContext") or {}
        check(psc.get("runAsNonRoot") is True and isinstance(psc.get("runAsUser"), int) and psc["runAsUser"] > 0,
              "%s runs as a non-root numeric UID" % name)
        check(ps.get("automountServiceAccountToken") is False, "%s mounts no service-account token" % name)
        for c in ps.get("containers") or []:
            cn = "%s container %s" % (name, c.get("name"))
            sc = c.get("securityContext") or {}
            check(sc.get("readOnlyRootFilesystem") is True and sc.get("allowPrivilegeEscalation") is False
                  and "ALL" in ((sc.get("capabilities") or {}).get("drop") or []),
                  "%s: read-only root fs, no privilege escalation, all capabilities dropped" % cn)
            res = c.get("resources") or {}
            check(all(r in (res.get("requests") or {}) for r in ("cpu", "memory"))
                  and all(r in (res.get("limits") or {}) for r in ("cpu", "memory")),
                  "%s has cpu/memory requests and limits" % cn)
            for src in c.get("envFrom") or []:
                ref = (src.get("configMapRef") or {}).get("name")
                if ref:
                    check(ref in configmaps, "%s: envFrom ConfigMap %s is part of the render" % (cn, ref))
            env = c.get("env") or []
            names = [e.get("name") for e in env]
            # envFrom does not count here: the two URLs must come from a Secret
            # (base) or be composed explicitly (overlays), never from the ConfigMap.
            check(names.count("DATABASE_URL") == 1 and names.count("AMQP_URL") == 1
                  and len(names) == len(set(names)),
                  "%s: DATABASE_URL and AMQP_URL set exactly once, no duplicate env names" % cn)
            for i, e in enumerate(env):
                ref = ((e.get("valueFrom") or {}).get("secretKeyRef") or {})
                if ref:
                    secrets_used.add("%s[%s]" % (ref.get("name"), ref.get("key")))
                # Kubernetes leaves an unresolvable $(VAR) in place silently.
                for var in re.findall(r"(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)", e.get("value") or ""):
                    check(var in names[:i], "%s: $(%s) in %s refers to an env var defined before it"
                          % (cn, var, e.get("name")))
            if w["kind"] == "Deployment":
                port_names = {p.get("name") for p in c.get("ports") or []}
                for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                    http = (c.get(probe) or {}).get("httpGet") or {}
                    check(bool(http) and http.get("port") in port_names,
                          "%s: %s is an httpGet on a named container port (%s %s)"
                          % (cn, probe, http.get("port"), http.get("path")))
                live = ((c.get("livenessProbe") or {}).get("httpGet") or {}).get("path")
                ready = ((c.get("readinessProbe") or {}).get("httpGet") or {}).get("path")
                check((live, ready) == ("/livez", "/readyz"), "%s: liveness /livez, readiness /readyz" % cn)

    api = deps.get("herald-api")
    check(api is not None, "Deployment herald-api exists")
    if api:
        c = pod_spec(api)["containers"][0]
        pre = ((((c.get("lifecycle") or {}).get("preStop") or {}).get("sleep") or {}).get("seconds"))
        drain = int((configmaps.get("herald-config") or {}).get("data", {}).get("HERALD_DRAIN_SECONDS", "5"))
        grace = pod_spec(api).get("terminationGracePeriodSeconds", 30)
        check(isinstance(pre, int) and grace > pre + drain,
              "herald-api terminationGracePeriodSeconds (%s) > preStop sleep (%s) + HERALD_DRAIN_SECONDS (%s)"
              % (grace, pre, drain))

    autoscaled = {}
    for h in by_kind.get("HorizontalPodAutoscaler", {}).values():
        t = h["spec"]["scaleTargetRef"]
        check(t.get("kind") == "Deployment" and t.get("name") in deps,
              "%s scales an existing Deployment (%s)" % (rname(h), t.get("name")))
        autoscaled.setdefault(t.get("name"), []).append(rname(h))
    auths = by_kind.get("TriggerAuthentication", {})
    prefix = (configmaps.get("herald-config") or {}).get("data", {}).get("HERALD_AMQP_PREFIX", "herald")
    rabbit_keys = {"queueName", "mode", "value", "activationValue", "host", "protocol", "vhostName",
                   "useRegex", "excludeUnacknowledged", "pageSize", "operation", "timeout", "unsafeSsl",
                   "queueLength", "hostFromEnv", "usernameFromEnv", "passwordFromEnv"}
    for so in by_kind.get("ScaledObject", {}).values():
        t = so["spec"]["scaleTargetRef"]
        check(t.get("kind", "Deployment") == "Deployment" and t["name"] in deps,
              "%s scales an existing Deployment (%s)" % (rname(so), t["name"]))
        autoscaled.setdefault(t["name"], []).append(rname(so))
        for trig in so["spec"]["triggers"]:
            ref = (trig.get("authenticationRef") or {}).get("name")
            if ref:
                check(ref in auths, "%s trigger authenticationRef %s is part of the render" % (rname(so), ref))
            if trig["type"] == "rabbitmq":
                md = trig["metadata"]
                # The CRD types trigger metadata as a free string map, so a
                # typo (queueNmae) would pass the schema: check the keys here.
                check(set(md) <= rabbit_keys, "%s rabbitmq trigger metadata keys %s are all known to KEDA"
                      % (rname(so), sorted(md)))
                check(md.get("queueName") == prefix + ".persist",
                      "%s scales on queue %s.persist" % (rname(so), prefix))
                check(md.get("protocol") == "amqp" or md.get("excludeUnacknowledged") == "true",
                      "%s counts ready messages only (prefetched ones are being handled)" % rname(so))
    for target, owners in sorted(autoscaled.items()):
        check(len(owners) == 1, "Deployment %s has exactly one autoscaler (%s)" % (target, ", ".join(owners)))
        if target in deps:
            check("replicas" not in deps[target]["spec"],
                  "Deployment %s leaves spec.replicas to its autoscaler" % target)

    for pdb in by_kind.get("PodDisruptionBudget", {}).values():
        ml = ((pdb["spec"].get("selector") or {}).get("matchLabels")) or {}
        # The broker's PDB selects pods made by its operator, not rendered here.
        ours = [d for d in deps.values() if selects(ml, template_labels(d))]
        if ml.get("app.kubernetes.io/name") == "herald":
            check(len(ours) == 1, "%s selects exactly one Herald Deployment's pods" % rname(pdb))
    for svc in by_kind.get("Service", {}).values():
        sel = svc["spec"].get("selector") or {}
        matched = [d for d in deps.values() if selects(sel, template_labels(d))]
        check(len(matched) == 1, "%s selects exactly one Deployment's pods" % rname(svc))
        if matched:
            names = {p.get("name") for c in pod_spec(matched[0])["containers"] for p in c.get("ports") or []}
            for p in svc["spec"]["ports"]:
                check(p.get("targetPort") in names,
                      "%s port %s targets named container port %s" % (rname(svc), p.get("name"), p.get("targetPort")))
    return sorted(secrets_used)


def cmd_validate(crds_dir, versions, files):
    import jsonschema
    import kubernetes_validate
    from kubernetes_validate import utils as kvu

    crds = load_crds(crds_dir)
    crd_groups = {g for (g, _, _) in crds}
    print("    CRD schemas: %s" % ", ".join(
        "%s %s/%s (%s)" % (k, g, v, f) for (g, v, k), (_, f) in sorted(crds.items(), key=lambda i: i[0][2])))
    failed = False
    for path in files:
        objs = load_docs(path)
        label = os.path.basename(path)
        print("--- %s (%d objects)" % (label, len(objs)))
        errors, checked = [], []
        for o in objs:
            api = o.get("apiVersion", "")
            group, _, version = api.rpartition("/")
            key = (group, version, o.get("kind"))
            if key in crds:
                schema, crd_file = crds[key]
                errs = sorted(jsonschema.Draft7Validator(schema).iter_errors(o), key=lambda e: list(e.absolute_path))
                for e in errs:
                    errors.append("%s: %s: %s" % (rname(o), fmt_path(e.absolute_path), e.message))
                print("    %-4s %-52s CRD schema %s, unknown fields rejected"
                      % ("ok" if not errs else "FAIL", rname(o), crd_file))
                continue
            if group in crd_groups:
                errors.append("%s: %s is not served by any CRD in %s" % (rname(o), api, crds_dir))
                continue
            results = []
            for kv in versions:
                try:
                    kubernetes_validate.validate(o, kv, strict=True)
                    results.append(kv)
                except kvu.SchemaNotFoundError as e:
                    errors.append("%s: %s (not a core kind, and no CRD for it in %s)" % (rname(o), e.message, crds_dir))
                    break
                except kvu.ValidationError as e:
                    errors.append("%s: k8s %s: %s: %s" % (rname(o), kv, fmt_path(e.absolute_path), e.message))
            ok = len(results) == len(versions)
            print("    %-4s %-52s kubernetes-validate --strict, k8s %s"
                  % ("ok" if ok else "FAIL", rname(o), " ".join(versions)))
        secrets = invariants(objs, checked, errors)
        print("    invariants checked (%d):" % len(checked))
        for c in checked:
            print("      - " + c)
        print("    Secrets referenced, must exist at run time (not part of the render): %s"
              % (", ".join(secrets) or "none"))
        if errors:
            failed = True
            print("    ERRORS:")
            for e in errors:
                print("      x " + e)
    if failed:
        raise Fail("validation failed")


def main(argv):
    cmd = argv[0]
    if cmd == "render":
        cmd_render(argv[1], argv[2])
    elif cmd == "compare":
        cmd_compare(argv[1], argv[2])
    elif cmd == "validate":
        cmd_validate(argv[1], argv[2].split(), argv[3:])
    else:
        raise SystemExit("unknown command %s" % cmd)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except Fail as e:
        print("validate-k8s: %s" % e, file=sys.stderr)
        sys.exit(1)
