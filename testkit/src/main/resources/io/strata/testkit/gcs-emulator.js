#!/usr/bin/env node
// Serves the Google Cloud Storage JSON API on one loopback port, for tests and benchmarks: the
// Cloud Storage emulator of the npm package firebase-tools (its HTTP app only), started without
// the Firebase rules runtime, which downloads a Java program of its own and is only needed for
// Firebase's client API, not for the JSON API that google-cloud-storage speaks.
//
// Usage: node gcs-emulator.js FIREBASE_TOOLS_FOLDER PORT [PROJECT]
//   FIREBASE_TOOLS_FOLDER holds node_modules/firebase-tools, exactly version 15.34.2 (this script
//   uses its internal modules); bin/test installs it into ~/.cache/strata.
// It prints "gcs-emulator listening on http://127.0.0.1:PORT" once it listens.
//
// Besides the package's routes it answers, as GCS does: bucket create (POST /storage/v1/b),
// bucket get (GET /storage/v1/b/NAME, 404 when absent) and bucket delete; and it answers 404 to
// object requests on a bucket that was never created, where the package would create the bucket.
// It also reads multipart uploads whose parts carry headers in any order (the package expects
// Content-Type as each part's only header, and google-cloud-storage for Java sends Content-Length
// first). Known gaps of the package's emulator: generation preconditions (ifGenerationMatch,
// ifGenerationMatch=0) are ignored, batch requests are missing, a range past the end returns the
// whole object, and a resumable upload is finished by its first PUT.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");

const [folder, portText, project = "strata-test"] = process.argv.slice(2);
if (!folder || !portText) {
    console.error("usage: node gcs-emulator.js FIREBASE_TOOLS_FOLDER PORT [PROJECT]");
    process.exit(2);
}
// The emulator keeps object bytes in files under os.tmpdir(); this one gets a folder of its own,
// removed when it exits, so that emulators running at once never share or leave files.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "strata-gcs-emulator-"));
process.env.TMPDIR = tmp;
process.on("exit", () => fs.rmSync(tmp, { recursive: true, force: true }));
const lib = path.join(folder, "node_modules", "firebase-tools", "lib");
const load = (name) => require(path.join(lib, name));
const express = require(path.join(folder, "node_modules", "express"));
const { StorageEmulator } = load("emulator/storage/index.js");
const { createApp } = load("emulator/storage/server.js");
const { CloudStorageBucketMetadata } = load("emulator/storage/metadata.js");
const { EmulatorRegistry } = load("emulator/registry.js");
const multipart = load("emulator/storage/multipart.js");
const { Emulators } = load("emulator/types.js");

const host = "127.0.0.1";
const port = Number(portText);

// The emulator's own start() would launch the rules runtime; only the parts the HTTP app uses are built.
const emulator = new StorageEmulator({ projectId: project, host, port, rules: { name: "unused", content: "" } });
const buckets = emulator.adminStorageLayer._buckets;

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** Returns the bodies of the parts of a multipart/related body, whatever headers each part has. */
function multipartBodies(boundary, body) {
    const delimiter = Buffer.from("--" + boundary.replace(/^"(.*)"$/, "$1"));
    const bodies = [];
    let start = body.indexOf(delimiter);
    while (start >= 0) {
        const partStart = start + delimiter.length;
        if (body.slice(partStart, partStart + 2).toString() === "--") {
            break;
        }
        const next = body.indexOf(delimiter, partStart);
        if (next < 0) {
            throw new Error("Unterminated multipart body");
        }
        const headerEnd = body.indexOf(HEADER_END, partStart);
        if (headerEnd < 0 || headerEnd > next) {
            throw new Error("A multipart part has no header end");
        }
        // The part ends with the CRLF that precedes the next delimiter.
        bodies.push(body.slice(headerEnd + HEADER_END.length, next - CRLF.length));
        start = next;
    }
    return bodies;
}

multipart.parseObjectUploadMultipartRequest = (contentTypeHeader, body) => {
    const boundary = /boundary=([^;]+)/.exec(contentTypeHeader || "");
    if (!contentTypeHeader.startsWith("multipart/related") || !boundary) {
        throw new Error(`Bad content type. ${contentTypeHeader}`);
    }
    const parts = multipartBodies(boundary[1].trim(), body);
    if (parts.length !== 2) {
        throw new Error("Unexpected number of parts in request body");
    }
    return { metadataRaw: parts[0].toString(), dataRaw: Buffer.from(parts[1]) };
};

function bucketJson(name) {
    const metadata = new CloudStorageBucketMetadata(name);
    metadata.selfLink = `http://${host}:${port}/storage/v1/b/${name}`;
    return metadata;
}

function bucketMissing(res, name) {
    res.status(404).json({ error: { code: 404, message: "The specified bucket does not exist.",
        errors: [{ domain: "global", reason: "notFound", message: `Bucket ${name} does not exist.` }] } });
}

async function main() {
    // Registers the emulator's address, which its metadata uses for links (start() would do it).
    EmulatorRegistry.set(Emulators.STORAGE, emulator);
    const app = express();
    app.post(["/storage/v1/b", "/b"], express.json(), (req, res) => {
        const name = req.body && req.body.name;
        if (!name) {
            return res.status(400).json({ error: { code: 400, message: "Bucket name is missing" } });
        }
        if (buckets.has(name)) {
            return res.status(409).json({ error: { code: 409, message: "You already own this bucket." } });
        }
        emulator.adminStorageLayer.createBucket(name);
        return res.json(bucketJson(name));
    });
    app.get(["/storage/v1/b/:bucket", "/b/:bucket"], (req, res) => {
        return buckets.has(req.params.bucket) ? res.json(bucketJson(req.params.bucket))
            : bucketMissing(res, req.params.bucket);
    });
    app.delete(["/storage/v1/b/:bucket", "/b/:bucket"], (req, res) => {
        if (!buckets.delete(req.params.bucket)) {
            return bucketMissing(res, req.params.bucket);
        }
        return res.sendStatus(204);
    });
    // Every object route names its bucket after "/b/"; an unknown one is refused as GCS does.
    app.use((req, res, next) => {
        const match = /\/b\/([^/]+)\//.exec(req.path);
        if (match && !buckets.has(decodeURIComponent(match[1]))) {
            return bucketMissing(res, decodeURIComponent(match[1]));
        }
        return next();
    });
    app.use(await createApp(project, emulator));
    const server = app.listen(port, host, () => console.log(`gcs-emulator listening on http://${host}:${port}`));
    const stop = () => server.close(() => process.exit(0));
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
}

main().catch((e) => {
    console.error("gcs-emulator failed to start:", e);
    process.exit(1);
});
