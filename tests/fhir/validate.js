#!/usr/bin/env node
/*
 * validate.js: check FHIR R4 JSON files against the official FHIR R4
 * JSON schema (fhir.schema.json, as published with R4 4.0.1) with the
 * @asymmetrik/fhir-json-schema-validator package (ajv underneath).
 *
 *	node tests/fhir/validate.js FILE...
 *
 * Each file is one resource (a Bundle, a QuestionnaireResponse...);
 * a Bundle's entries are validated each on its own as well, so that an
 * error names the entry.  Prints "FILE: ok" or the errors; exits 1 if
 * any file is invalid, 2 if the validator is not installed (npm ci
 * --prefix tests/fhir installs it).
 */
'use strict';
const fs = require('fs');
let JSONSchemaValidator;
try {
	JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
} catch (e) {
	console.error('validate.js: the validator is not installed: ' +
	    'npm ci --prefix tests/fhir');
	process.exit(2);
}
const v = new JSONSchemaValidator();
let bad = 0;

function check(file, what, res) {
	const errs = v.validate(res);
	if (errs.length === 0)
		return true;
	bad++;
	for (const e of errs.slice(0, 10))
		console.log(`${file}: ${what}: ${e.dataPath || e.instancePath || ''} ${e.message}`);
	return false;
}

for (const file of process.argv.slice(2)) {
	let res;
	try {
		res = JSON.parse(fs.readFileSync(file, 'utf8'));
	} catch (e) {
		console.log(`${file}: not JSON: ${e.message}`);
		bad++;
		continue;
	}
	let ok = check(file, res.resourceType, res);
	if (res.resourceType === 'Bundle' && Array.isArray(res.entry))
		res.entry.forEach((e, i) => {
			if (e && e.resource &&
			    !check(file, `entry[${i}] ${e.resource.resourceType}`,
			    e.resource))
				ok = false;
		});
	if (ok)
		console.log(`${file}: ok`);
}
process.exit(bad > 0 ? 1 : 0);
