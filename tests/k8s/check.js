// Validates Kubernetes manifests against the API schemas of kubernetes-models (offline). Each YAML
// file may hold several documents; each must be a kind this checker knows and must validate (types,
// required fields, enums; the schemas allow fields they do not define, as the API server's non-strict
// mode does). Prints one line per object; exits 1 after naming every problem.
// usage: node check.js FILE.yaml...
"use strict";
const fs = require("fs");
const YAML = require("yaml");

// apiVersion -> the kubernetes-models folder holding its kinds.
function modelOf(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const folder = group === "" ? version : `${group}/${version}`;
  try {
    return require(`kubernetes-models/${folder}/${kind}`)[kind];
  } catch (e) {
    return undefined;
  }
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const documents = YAML.parseAllDocuments(fs.readFileSync(file, "utf8"));
  documents.forEach((document, index) => {
    const where = `${file}#${index + 1}`;
    if (document.errors.length) {
      console.error(`${where}: not YAML: ${document.errors[0].message}`);
      failed = true;
      return;
    }
    const object = document.toJS();
    if (object === null) return;
    const Model = object.apiVersion && object.kind ? modelOf(object.apiVersion, object.kind) : undefined;
    if (!Model) {
      console.error(`${where}: unknown kind ${object.apiVersion}/${object.kind}`);
      failed = true;
      return;
    }
    try {
      new Model(object).validate();
      console.log(`${where}: ${object.kind} ${object.metadata && object.metadata.name}: valid`);
    } catch (e) {
      console.error(`${where}: ${object.kind} ${object.metadata && object.metadata.name}: ${e.message}`);
      failed = true;
    }
  });
}
process.exit(failed ? 1 : 0);
