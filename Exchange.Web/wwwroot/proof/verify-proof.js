// Checks a proof of liabilities (scheme exchange-pol-v1, docs/proof-of-liabilities.md) in the
// browser with WebCrypto: the same steps, in the same order, with the same reasons as Core's
// ProofVerifier and docs/verify_proof.py. Nothing here asks the server anything but the proof file:
// the page's circuit never sees the balances typed here nor the outcome.

const SCHEME = "exchange-pol-v1";
const U64_MAX = (1n << 64n) - 1n;
const WHOLE_MAX = (1n << 63n) - 1n;
const HASH_SIZE = 32;

class Rejected extends Error {
    constructor(step, detail) {
        super(`${step}: ${detail}`);
        this.step = step;
        this.detail = detail;
    }
}

// A JSON number as its source text, so that whole numbers are read exactly (a JavaScript number
// loses digits above 2^53) and 1.0 is not taken for 1.
class JsonNumber {
    constructor(source) {
        this.source = source;
    }
}

function parseJson(text) {
    return JSON.parse(text, (key, value, context) =>
        typeof value === "number" ? new JsonNumber(context?.source ?? String(value)) : value);
}

function kindOf(value) {
    if (typeof value === "string") return "string";
    if (value instanceof JsonNumber) return "number";
    if (Array.isArray(value)) return "array";
    if (value !== null && typeof value === "object") return "object";
    if (typeof value === "boolean") return "true or false";
    return "null";
}

function isObject(value) {
    return kindOf(value) === "object";
}

function member(parent, name, kind, where, step) {
    if (!isObject(parent) || !Object.hasOwn(parent, name) || kindOf(parent[name]) !== kind)
        throw new Rejected(step, `${where} has no '${name}' ${kind}.`);
    return parent[name];
}

function whole(parent, name, where, step) {
    const source = member(parent, name, "number", where, step).source;
    const value = /^-?[0-9]+$/.test(source) ? BigInt(source) : -1n;
    if (value < 0n || value > WHOLE_MAX) throw new Rejected(step, `${where}'s '${name}' is not a whole number from 0 to 2^63 - 1.`);
    return value;
}

function hexBytes(parent, name, size, where, step) {
    const text = member(parent, name, "string", where, step);
    if (!new RegExp(`^[0-9a-fA-F]{${2 * size}}$`).test(text))
        throw new Rejected(step, `${where}'s '${name}' is not ${size} bytes in hex (${2 * size} hex digits).`);
    return Uint8Array.from(text.match(/../g), pair => parseInt(pair, 16));
}

function amount(value, what, step) {
    if (typeof value !== "string" || !/^(0|[1-9][0-9]*)$/.test(value))
        throw new Rejected(step, `${what} is not a whole number of base units in decimal digits (a JSON string such as "1500000").`);
    const parsed = BigInt(value);
    if (parsed > U64_MAX) throw new Rejected(step, `${what} is ${value}, more than 2^64 - 1 = ${U64_MAX}: the tree's u64 encoding cannot hold it.`);
    return parsed;
}

function amounts(parent, name, count, where, step) {
    const array = member(parent, name, "array", where, step);
    if (array.length !== count)
        throw new Rejected(step, `${where}'s '${name}' has ${array.length} amount(s); the manifest lists ${count} coin(s).`);
    return array.map((item, coin) => amount(item, `${where}'s '${name}'[${coin}]`, step));
}

function hex(bytes) {
    return Array.from(new Uint8Array(bytes), b => b.toString(16).padStart(2, "0")).join("");
}

function base64Bytes(text) {
    const compact = text.replace(/[ \t\r\n]/g, "");
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) return null;
    return Uint8Array.from(atob(compact), c => c.charCodeAt(0));
}

const TAKEN_AT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/;

function isUtcTime(text) {
    const parts = TAKEN_AT.exec(text);
    if (!parts) return false;
    const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
    const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    at.setUTCFullYear(year);
    return year >= 1 && at.getUTCMonth() === month - 1 && at.getUTCDate() === day && at.getUTCHours() === hour
        && at.getUTCMinutes() === minute && at.getUTCSeconds() === second;
}

/** The manifest's members, read as strictly as Core's ProofManifest.Parse; throws Rejected at "Manifest". */
export function parseManifest(text) {
    const step = "Manifest", where = "The manifest";
    let manifest;
    try {
        manifest = parseJson(text);
    } catch (e) {
        throw new Rejected(step, `${where} is not JSON: ${e.message}`);
    }
    const scheme = member(manifest, "scheme", "string", where, step);
    if (scheme !== SCHEME) throw new Rejected(step, `${where}'s scheme is '${scheme}'; this verifier knows ${SCHEME}.`);
    const coins = member(manifest, "coins", "array", where, step).map((coin, index) => {
        const at = `${where}'s coin ${index}`;
        const decimals = whole(coin, "decimals", at, step);
        const total = amount(member(coin, "total", "string", at, step), `${at}'s total`, step);
        const symbol = member(coin, "symbol", "string", at, step);
        if (decimals > 18n) throw new Rejected(step, `${at} has ${decimals} decimals; at most 18.`);
        return { symbol, decimals: Number(decimals), total };
    });
    const depth = whole(manifest, "depth", where, step);
    const leafCount = whole(manifest, "leafCount", where, step);
    if (depth < 1n || depth > 62n || leafCount !== 1n << depth)
        throw new Rejected(step, `${where}'s leafCount ${leafCount} is not 2^depth (depth ${depth}).`);
    const snapshotId = whole(manifest, "snapshotId", where, step);
    const takenAt = member(manifest, "takenAt", "string", where, step);
    if (!isUtcTime(takenAt)) throw new Rejected(step, `${where}'s takenAt is not a UTC time like 2026-11-24T12:00:00Z.`);
    const ledgerPosition = whole(manifest, "ledgerPosition", where, step);
    const root = hex(hexBytes(manifest, "root", HASH_SIZE, where, step));
    const reserves = readReserves(member(manifest, "reserves", "object", where, step), step);
    return { snapshotId, takenAt, ledgerPosition, coins, leafCount, depth: Number(depth), root, reserves };
}

function readReserves(reserves, step) {
    const where = "The manifest's reserves";
    const coin = member(reserves, "coin", "string", where, step);
    if (typeof reserves.known !== "boolean") throw new Rejected(step, `${where} have no 'known' true or false.`);
    if (!reserves.known) return { coin, hubTotal: null, hotWallet: null };
    const figure = name => amount(member(reserves, name, "string", where, step), `${where}' ${name}`, step);
    return { coin, hubTotal: figure("hubTotal"), hotWallet: figure("hotWallet") };
}

function u64be(values) {
    const bytes = new Uint8Array(8 * values.length);
    const view = new DataView(bytes.buffer);
    values.forEach((value, i) => view.setBigUint64(8 * i, value));
    return bytes;
}

function concat(...parts) {
    const bytes = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
    let offset = 0;
    for (const part of parts) {
        bytes.set(part, offset);
        offset += part.length;
    }
    return bytes;
}

async function leafHash(key, snapshotId, index, balances) {
    const hmac = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    return new Uint8Array(await crypto.subtle.sign("HMAC", hmac, concat(Uint8Array.of(0), u64be([snapshotId, index]), u64be(balances))));
}

async function nodeHash(leftHash, leftSums, rightHash, rightSums) {
    return new Uint8Array(await crypto.subtle.digest("SHA-256", concat(Uint8Array.of(1), leftHash, u64be(leftSums), rightHash, u64be(rightSums))));
}

function pemBody(pem) {
    const block = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/.exec(pem);
    const der = block ? base64Bytes(block[1]) : null;
    if (!der) throw new Error("no PUBLIC KEY block with base64 contents");
    return der;
}

/**
 * Verifies a proof file's text. expected: a Map of coin symbol to base units (BigInt), or null;
 * trustedKeyPem: the exchange's published key, or null to use the key in the file. Resolves to
 * { accepted, reason, steps: [{ name, passed, detail }] }, stopping at the first step that fails.
 */
export async function verifyProof(proofText, expected = null, trustedKeyPem = null) {
    const steps = [];
    try {
        await walk(proofText, expected, trustedKeyPem, (name, detail) => steps.push({ name, passed: true, detail }));
    } catch (e) {
        if (!(e instanceof Rejected)) throw e;
        steps.push({ name: e.step, passed: false, detail: e.detail });
        return { accepted: false, reason: `${e.step}: ${e.detail}`, steps };
    }
    return { accepted: true, reason: null, steps };
}

async function walk(proofText, expected, trustedKeyPem, pass) {
    const file = readFile(proofText);
    pass("Proof file", `a proof with a leaf and ${file.path.length} level(s) of path.`);
    const manifest = parseManifest(file.manifestText);
    const symbols = manifest.coins.map(c => c.symbol);
    const describe = values => values.map((value, coin) => `${symbols[coin]} ${value}`).join(", ");
    pass("Manifest", `snapshot ${manifest.snapshotId} taken ${manifest.takenAt}: ${manifest.leafCount} leaves (depth ${manifest.depth}), coins ${symbols.join(", ")}.`);
    pass("Signature", await checkSignature(file, trustedKeyPem));
    const { index, balances } = readLeaf(file, manifest);
    pass("Leaf", `index ${index}, balances ${describe(balances)}.`);
    pass("Expected balances", checkExpected(expected, symbols, balances));
    let hash = await leafHash(file.key, manifest.snapshotId, index, balances);
    pass("Leaf hash", `HMAC-SHA256 with the leaf's key: ${hex(hash)}`);
    let sums = balances, position = index;
    for (let level = 1; level <= file.path.length; level++, position >>= 1n) {
        const step = `Level ${level}`;
        const sibling = file.path[level - 1];
        const siblingHash = hexBytes(sibling, "hash", HASH_SIZE, `The path's level ${level}`, step);
        const raw = isObject(sibling) && Array.isArray(sibling.sums) ? sibling.sums : [];
        if (raw.length !== sums.length) throw new Rejected(step, `the sibling has ${raw.length} sum(s); the manifest lists ${sums.length} coin(s).`);
        const siblingSums = raw.map((value, coin) => amount(value, `the sibling's ${symbols[coin]} sum`, step));
        const parent = sums.map((value, coin) => value + siblingSums[coin]);
        if (parent.some(value => value > U64_MAX))
            throw new Rejected(step, `a sum overflows 64 bits: ${describe(sums)} plus the sibling's ${describe(siblingSums)}.`);
        const onLeft = (position & 1n) === 0n;
        hash = onLeft ? await nodeHash(hash, sums, siblingHash, siblingSums) : await nodeHash(siblingHash, siblingSums, hash, sums);
        sums = parent;
        pass(step, `sibling on the ${onLeft ? "right" : "left"}: node ${position >> 1n} is ${hex(hash)} with sums ${describe(sums)}.`);
    }
    if (hex(hash) !== manifest.root) throw new Rejected("Root", `the path leads to ${hex(hash)}; the signed manifest's root is ${manifest.root}.`);
    pass("Root", `${hex(hash)}, the signed manifest's root.`);
    manifest.coins.forEach((coin, i) => {
        if (sums[i] !== coin.total) throw new Rejected("Totals", `the root's ${coin.symbol} sum is ${sums[i]}; the signed manifest says ${coin.total}.`);
    });
    pass("Totals", `the root's sums equal the signed manifest's totals: ${describe(sums)}.`);
}

function readFile(proofText) {
    const step = "Proof file", where = "The proof";
    let proof;
    try {
        proof = parseJson(proofText);
    } catch (e) {
        throw new Rejected(step, `not JSON: ${e.message}`);
    }
    const scheme = member(proof, "scheme", "string", where, step);
    if (scheme !== SCHEME) throw new Rejected(step, `its scheme is '${scheme}'; this verifier knows ${SCHEME}.`);
    const manifestText = member(proof, "manifest", "string", where, step);
    const signature = base64Bytes(member(proof, "signature", "string", where, step));
    if (!signature) throw new Rejected(step, "its signature is not base64.");
    const publicKey = member(proof, "publicKey", "string", where, step);
    const leaf = member(proof, "leaf", "object", where, step);
    const key = hexBytes(leaf, "key", 32, "The leaf", step);
    const path = member(proof, "path", "array", where, step);
    return { manifestText, signature, publicKey, leaf, key, path };
}

async function checkSignature(file, trustedKeyPem) {
    const step = "Signature";
    let key;
    try {
        key = await crypto.subtle.importKey("spki", pemBody(trustedKeyPem ?? file.publicKey), { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
    } catch (e) {
        throw new Rejected(step, `the ${trustedKeyPem ? "given" : "proof's"} public key is not an EC key in PEM: ${e.message}`);
    }
    const whose = trustedKeyPem ? "the key you gave" : "the key in the proof file; compare its fingerprint with the one the exchange publishes";
    const fingerprint = hex(await crypto.subtle.digest("SHA-256", await crypto.subtle.exportKey("spki", key)));
    const valid = await crypto.subtle.verify({ name: "ECDSA", hash: "SHA-256" }, key, file.signature, new TextEncoder().encode(file.manifestText));
    if (!valid) throw new Rejected(step, `not a valid signature of this manifest by ${whose} (fingerprint ${fingerprint}).`);
    return `ECDSA P-256 over the manifest, valid for ${whose} (fingerprint ${fingerprint}).`;
}

function readLeaf(file, manifest) {
    const step = "Leaf";
    const index = whole(file.leaf, "index", "The leaf", step);
    if (index >= manifest.leafCount) throw new Rejected(step, `its index ${index} is outside the tree's ${manifest.leafCount} leaves.`);
    if (file.path.length !== manifest.depth)
        throw new Rejected(step, `its path has ${file.path.length} level(s); the signed tree is ${manifest.depth} levels deep.`);
    return { index, balances: amounts(file.leaf, "balances", manifest.coins.length, "The leaf", step) };
}

function checkExpected(expected, symbols, balances) {
    const step = "Expected balances";
    if (!expected || expected.size === 0) return "not checked: no expected balances were given.";
    for (const [symbol, want] of expected) {
        const coin = symbols.indexOf(symbol);
        if (coin < 0) throw new Rejected(step, `the snapshot has no coin ${symbol}; its coins are ${symbols.join(", ")}.`);
        if (balances[coin] !== want) throw new Rejected(step, `${symbol}: the leaf holds ${balances[coin]} base units, you expected ${want}.`);
    }
    return `${Array.from(expected, ([symbol, want]) => `${symbol} ${want}`).join(", ")}, as expected.`;
}

/** An amount as the exchange shows it ("1.5") in base units of a coin with these decimals; null when it is not one. */
export function baseUnits(text, decimals) {
    const number = /^([0-9]*)(?:\.([0-9]*))?$/.exec(text);
    if (!number || !/[0-9]/.test(text)) return null;
    const fraction = (number[2] ?? "").replace(/0+$/, "");
    if (fraction.length > decimals) return null;
    const units = BigInt(number[1] || "0") * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, "0") || "0");
    return units <= U64_MAX ? units : null;
}

/** The balances typed on the page, by coin symbol, in base units with the signed manifest's decimals. */
function expectedFrom(inputs, proofText) {
    const filled = inputs.filter(input => input.value.trim() !== "");
    if (filled.length === 0) return { expected: null };
    let coins;
    try {
        coins = parseManifest(member(parseJson(proofText), "manifest", "string", "The proof", "Proof file")).coins;
    } catch {
        return { problem: "The proof has no readable manifest, so the balances you typed cannot be converted to base units; the check below says why." };
    }
    const expected = new Map();
    for (const input of filled) {
        const symbol = input.dataset.coin;
        const coin = coins.find(c => c.symbol === symbol);
        if (!coin) {
            expected.set(symbol, 0n);
            continue;
        }
        const units = baseUnits(input.value.trim(), coin.decimals);
        if (units === null) return { problem: `${input.value.trim()} is not an amount of ${symbol} with at most ${coin.decimals} decimals ('.' as the separator).` };
        expected.set(symbol, units);
    }
    return { expected };
}

function show(list, steps) {
    list.replaceChildren(...steps.map(step => {
        const item = document.createElement("li");
        item.dataset.step = step.name;
        item.dataset.passed = String(step.passed);
        const mark = document.createElement("strong");
        mark.textContent = `${step.passed ? "✓ ok" : "✗ failed"} · ${step.name}: `;
        const detail = document.createElement("span");
        detail.className = "proof-step-detail";
        detail.textContent = step.detail;
        item.append(mark, detail);
        return item;
    }));
}

/**
 * Wires the verify form inside root: [data-proof-url] names the proof file to fetch (with the
 * user's cookie), input[data-coin] hold the balances the user expects, textarea[data-public-key]
 * an optional published key, [data-verify-button] starts the check, [data-verify-outcome] and
 * ol[data-verify-steps] show what was found.
 */
export function attach(root) {
    const button = root.querySelector("[data-verify-button]");
    const outcome = root.querySelector("[data-verify-outcome]");
    const list = root.querySelector("ol[data-verify-steps]");
    const say = (text, accepted) => {
        outcome.textContent = text;
        outcome.dataset.accepted = accepted === null ? "" : String(accepted);
    };
    button.addEventListener("click", async () => {
        button.disabled = true;
        list.replaceChildren();
        say("Checking…", null);
        try {
            const response = await fetch(root.dataset.proofUrl, { credentials: "same-origin", cache: "no-store" });
            if (!response.ok) {
                say(`The proof could not be downloaded (HTTP ${response.status}): ${(await response.text()).slice(0, 300)}`, false);
                return;
            }
            const proofText = await response.text();
            const { expected, problem } = expectedFrom(Array.from(root.querySelectorAll("input[data-coin]")), proofText);
            if (problem) {
                say(problem, false);
                return;
            }
            const key = root.querySelector("textarea[data-public-key]")?.value.trim() || null;
            const result = await verifyProof(proofText, expected, key);
            show(list, result.steps);
            say(result.accepted
                ? expected ? "Accepted: your balances are in the signed total." : "Accepted: the proof holds, but your balances were not compared (type them above)."
                : `Rejected: ${result.reason}`, result.accepted);
        } catch (e) {
            say(`The check could not run in this browser: ${e.message}`, false);
        } finally {
            button.disabled = false;
        }
    });
    button.disabled = false;
}
