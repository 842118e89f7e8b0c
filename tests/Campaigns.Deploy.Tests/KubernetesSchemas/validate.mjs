// Usage: node validate.mjs FILE.yaml... — prints "ok KIND NAME" or "invalid KIND NAME: ERRORS" per object; exit 1 on any error.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const models = {
  "v1/Namespace": () => import("kubernetes-models/v1/Namespace"),
  "v1/ConfigMap": () => import("kubernetes-models/v1/ConfigMap"),
  "v1/Secret": () => import("kubernetes-models/v1/Secret"),
  "v1/Service": () => import("kubernetes-models/v1/Service"),
  "apps/v1/Deployment": () => import("kubernetes-models/apps/v1/Deployment"),
  "batch/v1/Job": () => import("kubernetes-models/batch/v1/Job"),
  "networking.k8s.io/v1/Ingress": () => import("kubernetes-models/networking.k8s.io/v1/Ingress"),
  "policy/v1/PodDisruptionBudget": () => import("kubernetes-models/policy/v1/PodDisruptionBudget"),
  "keda.sh/v1alpha1/ScaledObject": () => import("@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject"),
  "keda.sh/v1alpha1/TriggerAuthentication": () => import("@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication"),
};

let failed = false;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length) { console.log(`invalid ${file}: ${doc.errors.join("; ")}`); failed = true; continue; }
    const obj = doc.toJS();
    if (!obj) continue;
    const key = `${obj.apiVersion}/${obj.kind}`;
    const name = `${obj.kind} ${obj.metadata?.name ?? "?"}`;
    if (obj.kind === "Kustomization") { console.log(`skip ${name}`); continue; }
    const load = models[key];
    if (!load) { console.log(`invalid ${name}: no schema known for ${key}`); failed = true; continue; }
    const module = await load();
    const Model = Object.values(module).find(v => typeof v === "function" && v.apiVersion === obj.apiVersion && v.kind === obj.kind);
    try {
      new Model(obj).validate();
      console.log(`ok ${name}`);
    } catch (e) {
      failed = true;
      console.log(`invalid ${name}: ${e.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
