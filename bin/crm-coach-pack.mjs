#!/usr/bin/env node
// Built by scripts/build-cli.mjs from utils/packs/cli/: do not edit.
/* eslint-disable */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { Lexer } from "marked";
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
import { basename, join, relative } from "node:path";
// utils/packs/issues.ts
/** `tips[3].target`, `when.fieldEquals["Close Date"]`, `(root)` for the document itself. */
function formatPath(path) {
	let out = "";
	for (const seg of path) if (typeof seg === "number") out += `[${seg}]`;
	else if (typeof seg === "string" && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out ? `.${seg}` : seg;
	else out += `[${JSON.stringify(String(seg))}]`;
	return out || "(root)";
}
function formatIssue(issue) {
	return `${formatPath(issue.path)}: ${issue.message}`;
}
/** The value at a JSON path, or undefined. */
function valueAt(root, path) {
	let cur = root;
	for (const seg of path) {
		if (cur === null || typeof cur !== "object") return void 0;
		cur = cur[seg];
	}
	return cur;
}
// utils/crm/types.ts
var PAGE_KINDS = [
	"home",
	"list",
	"record",
	"new",
	"edit"
];
// utils/usage/types.ts
/** Event kinds of DESIGN.md. */
var EVENT_KINDS = [
	"page.view",
	"tip.shown",
	"tip.dismissed",
	"tip.helpful",
	"nudge.shown",
	"nudge.resolved",
	"snippet.opened",
	"snippet.completed",
	"tour.started",
	"tour.completed",
	"milestone.done"
];
/** At most 2,000 items in all (tips + nudges + snippets + tours + milestones). */
var MAX_ITEMS = 2e3;
/** Every text field is at most 4,000 characters. */
var MAX_TEXT = 4e3;
var PACK_ID_PATTERN = /^[a-z0-9-]{3,64}$/;
var ITEM_ID_PATTERN = /^[a-z0-9._-]{1,64}$/;
var ROLE_ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
/** BCP 47 language tag, loosely: en, zh-CN, zh-Hant-TW, es-419. */
var LANG_TAG_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
/** Semantic Versioning 2.0.0. */
var SEMVER_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
/** Ids of the built-in CRM adapters, usable in `when.crm` without a `sites` entry. */
var BUILTIN_CRMS = [
	"salesforce",
	"hubspot",
	"dynamics",
	"zoho",
	"pipedrive"
];
/** The item lists of a pack, in document order. */
var ITEM_LISTS = [
	"tips",
	"nudges",
	"snippets",
	"tours",
	"milestones"
];
// utils/packs/markdown-links.ts
/**
* Link rules for Markdown bodies: every link must be https: or mailto:, and images are not
* part of pack format 1. Uses the same Markdown lexer (marked) the overlay renders with.
*/
/** The scheme of a link target as a browser would read it ("javascript:", "https:"), or null when relative. */
function linkScheme(href) {
	const cleaned = href.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
	const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(cleaned);
	return m ? `${m[1].toLowerCase()}:` : null;
}
/** True when a link target is an absolute https: or mailto: URL. */
function isAllowedLink(href) {
	const scheme = linkScheme(href);
	if (scheme === "mailto:") return true;
	if (scheme !== "https:") return false;
	try {
		return new URL(href.trim()).protocol === "https:";
	} catch {
		return false;
	}
}
/** Problems with the links and images of a Markdown body; empty when it is fine. */
function markdownLinkProblems(markdown) {
	let tokens;
	try {
		tokens = new Lexer({ gfm: true }).lex(markdown);
	} catch {
		return ["could not be read as Markdown"];
	}
	const problems = [];
	const visit = (list) => {
		for (const token of list ?? []) {
			const t = token;
			if (t.type === "image") problems.push("images are not supported in pack format 1");
			else if ((t.type === "link" || t.type === "def") && typeof t.href === "string") {
				if (!(t.autolink === true && t.href === `http://${t.text ?? ""}`) && !isAllowedLink(t.href)) {
					const scheme = linkScheme(t.href);
					problems.push(scheme ? `links must be https: or mailto: (found ${scheme} in "${truncate(t.href)}")` : `links must be absolute https: or mailto: URLs (found "${truncate(t.href)}")`);
				}
			}
			for (const value of Object.values(t)) if (Array.isArray(value)) visit(value.flat().flatMap(cellTokens));
		}
	};
	visit(tokens);
	return [...new Set(problems)];
}
function cellTokens(value) {
	if (!value || typeof value !== "object") return [];
	const v = value;
	if (typeof v.type === "string") return [value];
	return Array.isArray(v.tokens) ? v.tokens : [];
}
function truncate(s) {
	return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
// utils/packs/match-pattern.ts
/**
* WebExtension match patterns (https://developer.chrome.com/docs/extensions/develop/concepts/match-patterns):
* `<all_urls>` or `<scheme>://<host><path>`, scheme `*`, http, https, file, ftp, urn;
* host `*`, `*.<domain>` or an exact host (optionally with a port); path starting with `/`.
*/
/** Why a pattern is invalid, or null when it is a valid match pattern. */
function matchPatternProblem(pattern) {
	if (pattern === "<all_urls>") return null;
	const m = /^([a-z*]+):\/\/([^/]*)(\/.*)?$/.exec(pattern);
	if (!m) {
		if (/^file:\/\/\//.test(pattern)) return null;
		return "expected <scheme>://<host>/<path>";
	}
	const [, scheme, host, path] = m;
	if (![
		"*",
		"http",
		"https",
		"ftp",
		"urn",
		"file"
	].includes(scheme)) return `scheme must be *, http or https (found "${scheme}")`;
	if (path === void 0) return "missing path (add \"/*\")";
	if (scheme === "file") return host === "" ? null : "file patterns have no host";
	if (host === "") return "missing host";
	if (host === "*") return null;
	const hostOnly = host.replace(/:(\d+|\*)$/, "");
	const rest = hostOnly.startsWith("*.") ? hostOnly.slice(2) : hostOnly;
	if (rest.includes("*")) return "\"*\" in a host may only come first, followed by a dot";
	if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*)$/.test(rest)) return `invalid host "${host}"`;
	return null;
}
// utils/packs/types.ts
var PACK_FORMAT = "crm-coach/pack@1";
// utils/packs/schema.ts
/**
* The zod schema of PACK_FORMAT.md v1: the source of truth for validation and for the JSON
* Schema trainers' editors use (docs/pack.schema.json). Objects are strict so a typo such as
* `objects` instead of `object` is an error rather than a `when` that silently matches everything.
* Rules a JSON Schema cannot express (links in Markdown, regexes, match patterns) are refinements;
* rules across the whole pack (references, duplicate ids) live in ./cross-checks.ts.
*/
var text = (max = MAX_TEXT) => z.string().min(1).max(max);
var itemId = z.string().regex(ITEM_ID_PATTERN, { error: "must be 1–64 characters of a-z, 0-9, \"-\", \"_\" and \".\"" }).describe("Item id, unique inside its list; addressed globally as <packId>/<itemId>.");
var localizedText = z.union([text(), z.record(z.string().regex(LANG_TAG_PATTERN, { error: "expected a language tag such as en or zh-CN" }), text()).refine((o) => Object.keys(o).length > 0, { error: "expected at least one language" })], { error: "expected a string or an object of language tags to strings" }).describe("A plain string or an object of BCP 47 language tags to strings, e.g. { \"en\": \"...\", \"zh-CN\": \"...\" }.");
/** Markdown body: localized text whose links are https: or mailto: only. */
var markdown = localizedText.superRefine((value, ctx) => {
	const texts = typeof value === "string" ? [["", value]] : Object.entries(value);
	for (const [lang, body] of texts) for (const problem of markdownLinkProblems(body)) ctx.addIssue({
		code: "custom",
		message: problem,
		path: lang ? [lang] : []
	});
});
var fieldName = text(200);
var valueList = z.array(text(500)).min(1).max(100);
var regexSource = (mustHaveGroup) => z.string().min(1).max(1e3).superRefine((source, ctx) => {
	let re;
	try {
		re = new RegExp(source);
	} catch (err) {
		const reason = err.message.split(": ").pop();
		ctx.addIssue({
			code: "custom",
			message: `not a valid regular expression (${reason})`
		});
		return;
	}
	if (mustHaveGroup && !new RegExp(`\\(\\?<${mustHaveGroup}>`).test(re.source)) ctx.addIssue({
		code: "custom",
		message: `needs a named group (?<${mustHaveGroup}>...)`
	});
});
var matchPattern = z.string().min(1).max(500).superRefine((pattern, ctx) => {
	const problem = matchPatternProblem(pattern);
	if (problem) ctx.addIssue({
		code: "custom",
		message: `not a valid match pattern: ${problem}`
	});
});
var audienceSchema = z.strictObject({
	roles: z.array(z.string().regex(ROLE_ID_PATTERN, { error: "expected a lower-case role id such as sales or sales-manager" })).min(1).max(50).optional(),
	tenureDays: z.tuple([z.int().min(0).max(36500), z.int().min(0).max(36500)]).refine(([from, to]) => from <= to, { error: "expected [from, to] with from <= to" }).optional()
}).describe("Who an item is for. Unset means everyone.");
var whenSchema = z.strictObject({
	crm: z.array(z.string().regex(ITEM_ID_PATTERN, { error: "expected a CRM id such as salesforce or a sites[].id" })).min(1).max(50).optional(),
	object: valueList.optional(),
	page: z.array(z.enum(PAGE_KINDS)).min(1).optional(),
	url: matchPattern.optional(),
	fieldEquals: z.record(fieldName, valueList).optional()
}).describe("Where an item applies; every key that is set must hold.");
var targetSchema = z.union([
	z.strictObject({ field: fieldName }),
	z.strictObject({
		selector: text(1e3),
		text: text(500).optional()
	}),
	z.strictObject({ page: z.literal(true) })
], { error: "expected one of field, selector, page" }).describe("{ \"field\": label or API name } | { \"selector\": CSS, \"text\"?: visible text } | { \"page\": true }");
var snippetRef = z.string().regex(/^(?:[a-z0-9-]{3,64}\/)?[a-z0-9._-]{1,64}$/, { error: "expected a snippet id or <packId>/<snippetId>" });
var httpsUrl = z.string().max(2e3).superRefine((url, ctx) => {
	if (linkScheme(url) === "https:" && isAllowedLink(url)) return;
	const scheme = linkScheme(url);
	ctx.addIssue({
		code: "custom",
		message: scheme ? `expected an https: URL (found ${scheme})` : "expected an absolute https: URL"
	});
});
var learnMoreSchema = z.union([z.strictObject({ snippet: snippetRef }), z.strictObject({ url: httpsUrl })], { error: "expected one of snippet, url" });
var points = z.int().min(0).max(1e4);
var day = z.int().min(0).max(3650);
var tipSchema = z.strictObject({
	id: itemId,
	when: whenSchema.optional(),
	audience: audienceSchema.optional(),
	target: targetSchema,
	title: localizedText,
	body: markdown.optional(),
	show: z.enum([
		"always",
		"once",
		"until-dismissed"
	]).optional(),
	maxShows: z.int().min(1).max(1e5).optional(),
	priority: z.int().min(0).max(100).optional(),
	learnMore: learnMoreSchema.optional()
});
var nudgeSchema = z.strictObject({
	id: itemId,
	when: whenSchema.optional(),
	audience: audienceSchema.optional(),
	fields: z.array(fieldName).min(1).max(100),
	requiredWhen: z.record(fieldName, valueList).optional(),
	message: localizedText,
	severity: z.enum(["info", "warn"]).optional(),
	points: points.optional()
});
var quizSchema = z.strictObject({
	question: localizedText,
	choices: z.array(localizedText).min(2).max(10),
	answer: z.int().min(0)
}).refine((q) => q.answer < q.choices.length, {
	error: "answer must be the index of one of the choices (0-based)",
	path: ["answer"]
});
var snippetSchema = z.strictObject({
	id: itemId,
	title: localizedText,
	minutes: z.number().positive().max(600).optional(),
	body: markdown.optional(),
	steps: z.array(localizedText).min(1).max(50).optional(),
	quiz: quizSchema.optional(),
	when: whenSchema.optional(),
	audience: audienceSchema.optional(),
	day: day.optional(),
	points: points.optional()
});
var tourStepSchema = z.strictObject({
	target: targetSchema,
	title: localizedText.optional(),
	body: markdown,
	advanceOn: z.enum([
		"next",
		"click",
		"input"
	]).optional()
});
var tourSchema = z.strictObject({
	id: itemId,
	title: localizedText,
	when: whenSchema.optional(),
	audience: audienceSchema.optional(),
	steps: z.array(tourStepSchema).min(1).max(50),
	points: points.optional()
});
var itemRef = (what) => z.string().regex(/^(?:[a-z0-9-]{3,64}\/)?[a-z0-9._-]{1,64}$/, { error: `expected a ${what} id or <packId>/<${what}Id>` });
var milestoneDoneSchema = z.union([
	z.strictObject({
		event: z.enum(EVENT_KINDS),
		count: z.int().min(1).max(1e5)
	}),
	z.strictObject({ snippet: itemRef("snippet") }),
	z.strictObject({ tour: itemRef("tour") }),
	z.strictObject({ visits: z.strictObject({
		object: text(200),
		count: z.int().min(1).max(1e5)
	}) })
], { error: "expected one of event, snippet, tour, visits" });
var milestoneSchema = z.strictObject({
	id: itemId,
	title: localizedText,
	description: localizedText.optional(),
	day: day.optional(),
	done: milestoneDoneSchema,
	points: points.optional(),
	audience: audienceSchema.optional()
});
var siteSchema = z.strictObject({
	id: z.string().regex(ITEM_ID_PATTERN, { error: "must be 1–64 characters of a-z, 0-9, \"-\", \"_\" and \".\"" }),
	name: text(200),
	match: z.array(matchPattern).min(1).max(20),
	object: z.union([z.strictObject({ urlPattern: regexSource("object") }), z.strictObject({ selector: text(1e3) })], { error: "expected one of urlPattern, selector" }).optional(),
	page: z.strictObject({
		home: regexSource().optional(),
		list: regexSource().optional(),
		record: regexSource().optional(),
		new: regexSource().optional(),
		edit: regexSource().optional()
	}).optional(),
	field: z.strictObject({
		container: text(1e3),
		label: text(1e3),
		input: text(1e3),
		required: text(1e3).optional()
	})
});
var list = (item) => z.array(item).max(MAX_ITEMS);
var packSchema = z.strictObject({
	$schema: z.string().max(2e3).optional().describe("Optional: the JSON Schema URL, for editors."),
	format: z.literal(PACK_FORMAT, { error: `expected "${PACK_FORMAT}"` }),
	id: z.string().regex(PACK_ID_PATTERN, { error: "must be 3–64 characters of a-z, 0-9 and \"-\"" }),
	version: z.string().regex(SEMVER_PATTERN, { error: "expected a semantic version such as 1.2.0" }),
	title: localizedText,
	description: localizedText.optional(),
	author: text(200).optional(),
	audience: audienceSchema.optional(),
	sites: z.array(siteSchema).max(50).optional(),
	tips: list(tipSchema).optional(),
	nudges: list(nudgeSchema).optional(),
	snippets: list(snippetSchema).optional(),
	tours: list(tourSchema).optional(),
	milestones: list(milestoneSchema).optional()
}).superRefine((pack, ctx) => {
	const count = (pack.tips?.length ?? 0) + (pack.nudges?.length ?? 0) + (pack.snippets?.length ?? 0) + (pack.tours?.length ?? 0) + (pack.milestones?.length ?? 0);
	if (count > 2e3) ctx.addIssue({
		code: "custom",
		message: `too many items: ${count} (at most ${MAX_ITEMS} in all)`
	});
}).meta({
	title: "CRM Coach tip pack, format 1",
	description: "See docs/packs.md and PACK_FORMAT.md."
});
// utils/packs/json-schema.ts
/**
* The JSON Schema of pack format 1, generated from the zod schema, for editors' completion
* (docs/pack.schema.json). Rules a JSON Schema cannot say (links inside Markdown, regexes that
* must compile, references across the pack) are checked by `crm-coach-pack validate`.
*/
var PACK_SCHEMA_ID = "https://crm-coach.dev/schema/pack-1.json";
/** Named definitions ($defs) keep the file readable; descriptions show as editor hover text. */
var DEFINITIONS = [
	[localizedText, {
		id: "LocalizedText",
		description: "A plain string or an object of BCP 47 language tags to strings: { \"en\": \"...\", \"zh-CN\": \"...\" }."
	}],
	[markdown, {
		id: "Markdown",
		description: "Localized Markdown: paragraphs, emphasis, strong, inline code, lists, links (https: and mailto: only), line breaks. Raw HTML shows as text."
	}],
	[itemId, {
		id: "ItemId",
		description: "1–64 characters of a-z, 0-9, \"-\", \"_\" and \".\"; unique inside its list; addressed as <packId>/<itemId>."
	}],
	[audienceSchema, {
		id: "Audience",
		description: "Who an item is for: role ids and days since the start date [from, to]. Unset means everyone."
	}],
	[whenSchema, {
		id: "When",
		description: "Where an item applies; every key that is set must hold."
	}],
	[targetSchema, {
		id: "Target",
		description: "{ \"field\": label or API name } | { \"selector\": CSS, \"text\"?: visible text } | { \"page\": true }."
	}],
	[learnMoreSchema, {
		id: "LearnMore",
		description: "A snippet (id or <packId>/<snippetId>) or { \"url\": \"https://...\" }."
	}],
	[tipSchema, { id: "Tip" }],
	[nudgeSchema, {
		id: "Nudge",
		description: "Marks listed fields that are empty when the page matches (and requiredWhen holds)."
	}],
	[snippetSchema, {
		id: "Snippet",
		description: "Short training, offered in the page when `when` matches and in the journey on `day`."
	}],
	[tourSchema, { id: "Tour" }],
	[milestoneSchema, { id: "Milestone" }],
	[siteSchema, {
		id: "Site",
		description: "A CRM without a built-in adapter: how to read its pages."
	}],
	[packSchema, {
		title: "CRM Coach tip pack, format 1",
		description: "See docs/packs.md, the pack authoring guide."
	}]
];
function packJsonSchema() {
	const registry = z.registry();
	for (const [schema, meta] of DEFINITIONS) registry.add(schema, meta);
	const { $schema, ...rest } = z.toJSONSchema(packSchema, {
		target: "draft-2020-12",
		io: "input",
		unrepresentable: "any",
		metadata: registry
	});
	return {
		$schema,
		$id: PACK_SCHEMA_ID,
		...rest
	};
}
/** The file's exact text: two-space JSON and a final newline. */
function packJsonSchemaText() {
	return `${JSON.stringify(packJsonSchema(), null, 2)}\n`;
}
// utils/packs/cross-checks.ts
/**
* Rules across a whole pack that a per-field schema cannot see: duplicate ids, references to
* snippets and tours, and `when.crm` ids that name neither a built-in adapter nor a `sites` entry.
*/
var LIST_OF_SITES = "sites";
function crossCheckPack(pack) {
	const issues = [];
	for (const list of [LIST_OF_SITES, ...ITEM_LISTS]) {
		const items = pack[list] ?? [];
		const firstAt = /* @__PURE__ */ new Map();
		items.forEach((item, i) => {
			const first = firstAt.get(item.id);
			if (first === void 0) firstAt.set(item.id, i);
			else issues.push({
				path: [
					list,
					i,
					"id"
				],
				message: `duplicate id "${item.id}" (first used at ${list}[${first}])`
			});
		});
	}
	const siteIds = new Set((pack.sites ?? []).map((s) => s.id));
	(pack.sites ?? []).forEach((site, i) => {
		if (BUILTIN_CRMS.includes(site.id)) issues.push({
			path: [
				"sites",
				i,
				"id"
			],
			message: `"${site.id}" is a built-in CRM id; choose another id for a site`
		});
	});
	const snippetIds = new Set((pack.snippets ?? []).map((s) => s.id));
	const tourIds = new Set((pack.tours ?? []).map((t) => t.id));
	/** A bare id or `<thisPack>/<id>` must exist here; `<otherPack>/<id>` is resolved at run time. */
	const missingHere = (ref, ids) => {
		const slash = ref.indexOf("/");
		if (slash >= 0 && ref.slice(0, slash) !== pack.id) return null;
		const id = slash >= 0 ? ref.slice(slash + 1) : ref;
		return ids.has(id) ? null : id;
	};
	pack.tips?.forEach((tip, i) => {
		const lm = tip.learnMore;
		if (lm && "snippet" in lm) {
			const missing = missingHere(lm.snippet, snippetIds);
			if (missing !== null) issues.push({
				path: [
					"tips",
					i,
					"learnMore",
					"snippet"
				],
				message: `no snippet "${missing}" in this pack`
			});
		}
	});
	pack.milestones?.forEach((m, i) => {
		if ("snippet" in m.done) {
			const missing = missingHere(m.done.snippet, snippetIds);
			if (missing !== null) issues.push({
				path: [
					"milestones",
					i,
					"done",
					"snippet"
				],
				message: `no snippet "${missing}" in this pack`
			});
		} else if ("tour" in m.done) {
			const missing = missingHere(m.done.tour, tourIds);
			if (missing !== null) issues.push({
				path: [
					"milestones",
					i,
					"done",
					"tour"
				],
				message: `no tour "${missing}" in this pack`
			});
		}
	});
	const known = (crm) => BUILTIN_CRMS.includes(crm) || siteIds.has(crm);
	const checkWhen = (when, path) => {
		when?.crm?.forEach((crm, j) => {
			if (!known(crm)) issues.push({
				path: [
					...path,
					"when",
					"crm",
					j
				],
				message: `unknown CRM "${crm}": expected one of ${BUILTIN_CRMS.join(", ")} or a sites[].id of this pack`
			});
		});
	};
	for (const list of [
		"tips",
		"nudges",
		"snippets",
		"tours"
	]) (pack[list] ?? []).forEach((item, i) => checkWhen(item.when, [list, i]));
	return issues;
}
// utils/packs/validate.ts
/** As validatePack, with structured paths (the CLI maps them to lines). */
function validatePackDetailed(input) {
	const tooDeep = findTooDeep(input);
	if (tooDeep) return {
		ok: false,
		issues: [{
			path: tooDeep.slice(0, 6),
			message: `nested deeper than 32 levels`
		}]
	};
	const bytes = jsonBytes(input);
	if (bytes > 2097152) return {
		ok: false,
		issues: [sizeIssue(bytes)]
	};
	const parsed = packSchema.safeParse(input, { error: defaultMessage });
	if (!parsed.success) {
		const issues = [];
		for (const issue of parsed.error.issues) flatten(issue, input, [], issues);
		return {
			ok: false,
			issues: issues.slice(0, 20)
		};
	}
	const pack = parsed.data;
	const cross = crossCheckPack(pack);
	if (cross.length > 0) return {
		ok: false,
		issues: cross.slice(0, 20)
	};
	return {
		ok: true,
		pack
	};
}
function sizeIssue(bytes) {
	return {
		path: [],
		message: `pack is too large: ${(bytes / 1048576).toFixed(1)} MiB (at most 2 MiB)`
	};
}
function jsonBytes(input) {
	try {
		const text = JSON.stringify(input) ?? "";
		let bytes = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c < 128) bytes += 1;
			else if (c < 2048) bytes += 2;
			else if (c >= 55296 && c < 56320) {
				bytes += 4;
				i++;
			} else bytes += 3;
		}
		return bytes;
	} catch {
		return Infinity;
	}
}
/** Path of the first value nested more than MAX_DEPTH levels deep (iterative: junk cannot blow the stack). */
function findTooDeep(input) {
	const stack = [{
		value: input,
		path: []
	}];
	while (stack.length > 0) {
		const { value, path } = stack.pop();
		if (value === null || typeof value !== "object") continue;
		if (path.length >= 32) return path;
		if (Array.isArray(value)) value.forEach((v, i) => stack.push({
			value: v,
			path: [...path, i]
		}));
		else for (const [k, v] of Object.entries(value)) stack.push({
			value: v,
			path: [...path, k]
		});
	}
	return null;
}
var TYPE_NAMES = {
	string: "a string",
	number: "a number",
	int: "a whole number",
	boolean: "true or false",
	object: "an object",
	array: "a list",
	tuple: "a list",
	record: "an object"
};
function typeOf(value) {
	if (value === null) return "null";
	if (Array.isArray(value)) return "a list";
	if (typeof value === "number" && !Number.isInteger(value)) return "a fraction";
	return TYPE_NAMES[typeof value] ?? typeof value;
}
/** Messages for the rules that have no message of their own in the schema. */
function defaultMessage(iss) {
	switch (iss.code) {
		case "invalid_type":
			if (iss.input === void 0) return "required";
			return `expected ${TYPE_NAMES[iss.expected] ?? iss.expected}, found ${typeOf(iss.input)}`;
		case "too_small": {
			const min = Number(iss.minimum);
			if (iss.origin === "string") return min <= 1 ? "must not be empty" : `at least ${min} characters`;
			if (iss.origin === "array" || iss.origin === "set") return `at least ${min} item${min === 1 ? "" : "s"}`;
			return iss.inclusive === false ? `must be greater than ${min}` : `must be at least ${min}`;
		}
		case "too_big": {
			const max = Number(iss.maximum);
			if (iss.origin === "string") return `at most ${max} characters`;
			if (iss.origin === "array" || iss.origin === "set") return `at most ${max} items`;
			return iss.inclusive === false ? `must be less than ${max}` : `must be at most ${max}`;
		}
		case "invalid_value": return iss.values.length === 1 ? `expected ${JSON.stringify(iss.values[0])}` : `expected one of ${iss.values.map((v) => String(v)).join(", ")}`;
		case "invalid_format": return `invalid ${iss.format}`;
		case "unrecognized_keys": return "unknown key";
		case "invalid_key": return "invalid key";
		case "invalid_union": return "does not match any allowed form";
		default: return "invalid value";
	}
}
/** Turns zod issues into PackIssues; for a union, reports the branch the value was clearly meant as. */
function flatten(issue, root, base, out) {
	const path = [...base, ...issue.path];
	if ((issue.code === "invalid_union" || issue.code === "invalid_value") && path.length > 0 && valueAt(root, path) === void 0) {
		out.push({
			path,
			message: "required"
		});
		return;
	}
	switch (issue.code) {
		case "unrecognized_keys":
			for (const key of issue.keys) out.push({
				path: [...path, key],
				message: "unknown key"
			});
			return;
		case "invalid_key":
			out.push({
				path,
				message: issue.issues.map((i) => i.message).join("; ")
			});
			return;
		case "invalid_union": {
			const value = valueAt(root, path);
			const branch = meantBranch(issue.errors, value);
			if (branch) for (const inner of branch) flatten(inner, root, path, out);
			else out.push({
				path,
				message: issue.message
			});
			return;
		}
		default: out.push({
			path,
			message: issue.message
		});
	}
}
/**
* The union branch a value was meant as: the one whose problems all sit below the value's own
* keys (no unknown or missing-in-kind keys at its top). None when the value is not an object.
*/
function meantBranch(branches, value) {
	if (value === null || typeof value !== "object" || Array.isArray(value)) return null;
	if (Object.keys(value).length === 0) return null;
	return branches.find((issues) => issues.every((i) => i.path.length > 0)) ?? null;
}
function utf8Bytes(text) {
	return new TextEncoder().encode(text).length;
}
/** Reads JSON or YAML text into a value; the error says what was wrong and where. */
function parseDataText(rawText, fileName, options = {}) {
	const text = rawText.replace(/^\uFEFF/, "");
	const bytes = utf8Bytes(text);
	if (bytes > 2097152) return {
		ok: false,
		error: formatIssue(sizeIssue(bytes))
	};
	const trimmed = text.trimStart();
	if (trimmed === "") return {
		ok: false,
		error: "the file is empty: expected a pack in JSON (or YAML)"
	};
	if (trimmed.startsWith("<")) return {
		ok: false,
		error: "not a pack: this looks like HTML or XML; expected a pack in JSON (or YAML)"
	};
	const ext = fileName?.toLowerCase().match(/\.([a-z]+)$/)?.[1];
	if (ext === "json" || ext !== "yaml" && ext !== "yml" && /^[{[]/.test(trimmed)) return parseJson(text);
	return parseYaml(text, options.anyTop === true);
}
function parseJson(text) {
	try {
		return {
			ok: true,
			value: JSON.parse(text),
			format: "json"
		};
	} catch (err) {
		return {
			ok: false,
			error: `not valid JSON: ${jsonErrorWhere(text, err)}`
		};
	}
}
/** Node/V8 say "at position N"; people want line and column. */
function jsonErrorWhere(text, err) {
	const msg = err.message.replace(/^JSON\.parse: /, "");
	const pos = /position (\d+)/.exec(msg);
	if (!pos) return msg;
	const offset = Number(pos[1]);
	const before = text.slice(0, offset);
	const line = before.split("\n").length;
	const column = offset - before.lastIndexOf("\n");
	return `${msg.replace(/\s*\(line \d+ column \d+\)/, "")} (line ${line}, column ${column})`;
}
function parseYaml(text, anyTop) {
	let doc;
	try {
		doc = parseDocument(text, {
			uniqueKeys: true,
			merge: false,
			prettyErrors: true,
			schema: "core"
		});
	} catch (err) {
		return {
			ok: false,
			error: `not valid YAML: ${err.message}`
		};
	}
	if (doc.errors.length > 0) {
		const first = doc.errors[0];
		const where = first.linePos?.[0] ? ` (line ${first.linePos[0].line}, column ${first.linePos[0].col})` : "";
		return {
			ok: false,
			error: `not valid YAML: ${first.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "")}${where}`
		};
	}
	try {
		const value = doc.toJS({ maxAliasCount: 100 });
		if (!anyTop && (value === null || typeof value !== "object" || Array.isArray(value))) return {
			ok: false,
			error: "not a pack: expected a JSON object or a YAML mapping at the top"
		};
		return {
			ok: true,
			value,
			format: "yaml"
		};
	} catch (err) {
		const msg = err.message;
		if (/alias/i.test(msg)) return {
			ok: false,
			error: `refused: too many YAML aliases (at most 100); the file looks like a YAML bomb`
		};
		return {
			ok: false,
			error: `not valid YAML: ${msg}`
		};
	}
}
// utils/packs/cli/build-dir.ts
/**
* `crm-coach-pack build <dir>`: a folder of YAML and Markdown files to one pack.
*
*   pack.yaml                 format (optional), id, version, title, description, author, audience
*   tips.yaml, nudges.yaml …  a YAML list per item kind (tips, nudges, snippets, tours, milestones, sites)
*   snippets/log-a-call.md    one item per file: YAML front matter between --- lines, the Markdown
*   snippets/log-a-call.zh-CN.md   after it is `body`; a .<lang>.md twin adds that language
*   tips/next-step.yaml       one item (or a list) per YAML file
*
* Items are taken in file-name order; an item from a .md file gets its id from the file name
* unless the front matter sets one. Returns the pack and where each item came from.
*/
var LISTS = [
	"sites",
	"tips",
	"nudges",
	"snippets",
	"tours",
	"milestones"
];
var BuildError = class extends Error {};
function readData(file, root) {
	const parsed = parseDataText(readFileSync(file, "utf8"), file, { anyTop: true });
	if (!parsed.ok) throw new BuildError(`${relative(root, file)}: ${parsed.error}`);
	return parsed.value;
}
/** Splits `---\nyaml\n---\nbody` into front matter and body. */
function splitFrontMatter(text) {
	const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
	return m ? {
		meta: m[1],
		body: m[2]
	} : {
		meta: "",
		body: text
	};
}
function readYamlText(text, where) {
	if (text.trim() === "") return {};
	const parsed = parseDataText(text, `${where}.yaml`);
	if (!parsed.ok) throw new BuildError(`${where}: front matter: ${parsed.error}`);
	return parsed.value;
}
var DATA_EXT = /\.(ya?ml|json)$/i;
var LANG_MD = /^(.+?)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.md$/;
/** Items of one list folder: YAML/JSON files and Markdown files with their language twins. */
function readListFolder(dir, root) {
	const files = readdirSync(dir).sort();
	const out = [];
	const mdBase = /* @__PURE__ */ new Map();
	for (const name of files) {
		const file = join(dir, name);
		if (statSync(file).isDirectory()) continue;
		const rel = relative(root, file);
		if (DATA_EXT.test(name)) {
			const data = readData(file, root);
			for (const item of Array.isArray(data) ? data : [data]) out.push({
				item,
				file: rel
			});
		} else if (name.endsWith(".md") && !LANG_MD.test(name)) {
			const { meta, body } = splitFrontMatter(readFileSync(file, "utf8"));
			const item = {
				id: basename(name, ".md"),
				...readYamlText(meta, rel)
			};
			const lang = typeof item.lang === "string" ? item.lang : "en";
			delete item.lang;
			if (body.trim() !== "") item.body = { [lang]: body.trim() };
			mdBase.set(basename(name, ".md"), item);
			out.push({
				item,
				file: rel
			});
		}
	}
	for (const name of files) {
		const m = LANG_MD.exec(name);
		if (!m) continue;
		const base = mdBase.get(m[1]);
		if (!base) throw new BuildError(`${relative(root, join(dir, name))}: no ${m[1]}.md next to it`);
		const { meta, body } = splitFrontMatter(readFileSync(join(dir, name), "utf8"));
		const extra = readYamlText(meta, relative(root, join(dir, name)));
		base.body = {
			...base.body,
			[m[2]]: body.trim()
		};
		for (const [key, value] of Object.entries(extra)) {
			const current = base[key];
			base[key] = typeof current === "string" ? {
				en: current,
				[m[2]]: value
			} : {
				...current,
				[m[2]]: value
			};
		}
	}
	for (const { item } of out) {
		const it = item;
		if (it.body && typeof it.body === "object" && Object.keys(it.body).length === 1 && "en" in it.body) it.body = it.body.en;
	}
	return out;
}
function buildPackFromDir(dir) {
	if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new BuildError(`${dir}: not a folder`);
	const head = [
		"pack.yaml",
		"pack.yml",
		"pack.json"
	].map((n) => join(dir, n)).find((f) => existsSync(f));
	if (!head) throw new BuildError(`${dir}: no pack.yaml (it holds id, version and title)`);
	const top = readData(head, dir);
	if (!top || typeof top !== "object" || Array.isArray(top)) throw new BuildError(`${relative(dir, head)}: expected a mapping`);
	const pack = {
		format: PACK_FORMAT,
		...top
	};
	const origins = /* @__PURE__ */ new Map();
	const headName = relative(dir, head);
	for (const list of LISTS) {
		const items = [];
		const inline = pack[list];
		if (inline !== void 0) {
			if (!Array.isArray(inline)) throw new BuildError(`${headName}: ${list} must be a list`);
			for (const item of inline) items.push({
				item,
				file: headName
			});
		}
		for (const ext of [
			"yaml",
			"yml",
			"json"
		]) {
			const file = join(dir, `${list}.${ext}`);
			if (!existsSync(file)) continue;
			const data = readData(file, dir);
			if (!Array.isArray(data)) throw new BuildError(`${list}.${ext}: expected a list of ${list}`);
			for (const item of data) items.push({
				item,
				file: `${list}.${ext}`
			});
		}
		const folder = join(dir, list);
		if (existsSync(folder) && statSync(folder).isDirectory()) items.push(...readListFolder(folder, dir));
		if (items.length === 0) continue;
		pack[list] = items.map((i) => i.item);
		items.forEach((i, n) => origins.set(`${list}[${n}]`, i.file));
	}
	return {
		pack,
		origins
	};
}
// utils/packs/cli/locate.ts
/**
* Maps a JSON path to the line it is on in the pack's source text. JSON is YAML 1.2, so the yaml
* package's parser gives positions for both. Best effort: null when the text cannot be read.
*/
function makeLocator(text) {
	const lineCounter = new LineCounter();
	let root;
	try {
		root = parseDocument(text, {
			lineCounter,
			uniqueKeys: false,
			merge: false
		}).contents;
	} catch {
		return () => null;
	}
	return (path) => {
		try {
			let node = root;
			let offset = node?.range?.[0];
			for (const seg of path) if (isMap(node)) {
				const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
				if (!pair) break;
				offset = pair.key.range?.[0] ?? offset;
				node = pair.value;
			} else if (isSeq(node) && typeof seg === "number") {
				const item = node.items[seg];
				if (!item) break;
				offset = item.range?.[0] ?? offset;
				node = item;
			} else break;
			return offset === void 0 ? null : lineCounter.linePos(offset).line;
		} catch {
			return null;
		}
	};
}
// utils/crm/dom.ts
var ELEMENT_NODE = 1;
var TEXT_NODE = 3;
var DOCUMENT_FRAGMENT_NODE = 11;
/**
* The shadow root of `el`: an open one directly, a closed one through `shadowRootOf`
* (chrome.dom.openOrClosedShadowRoot). Closed roots are looked up on custom elements only,
* which is where pages put them, to keep the cost of a page walk low.
*/
function rootOf(el, shadowRootOf) {
	const open = el.shadowRoot;
	if (open) return open;
	if (!shadowRootOf || el.localName.indexOf("-") < 0) return null;
	try {
		return shadowRootOf(el) ?? null;
	} catch {
		return null;
	}
}
function safeMatches$1(el, selector) {
	try {
		return el.matches(selector);
	} catch {
		return false;
	}
}
/**
* Every element under `root` matching `selector`, through open shadow roots (and closed ones
* reachable by `shadowRootOf`), in tree order with each shadow tree right after its host.
* An invalid selector yields []. Our overlay is skipped.
*/
var validSelectors = /* @__PURE__ */ new Set();
/** Fail fast on an invalid selector (pack text can hold anything); valid ones are remembered. */
function validSelector(root, selector) {
	if (validSelectors.has(selector)) return true;
	try {
		root.querySelector(selector);
	} catch {
		return false;
	}
	if (validSelectors.size < 500) validSelectors.add(selector);
	return true;
}
function deepQueryAll(root, selector, shadowRootOf) {
	const out = [];
	if (!validSelector(root, selector)) return out;
	walk(root, selector, shadowRootOf, out, false);
	return out;
}
/** The first deep match, or null. */
function deepQuery(root, selector, shadowRootOf) {
	if (!validSelector(root, selector)) return null;
	const out = [];
	walk(root, selector, shadowRootOf, out, true);
	return out[0] ?? null;
}
function walk(root, selector, sro, out, firstOnly) {
	if (root.nodeType === ELEMENT_NODE) {
		const own = rootOf(root, sro);
		if (own && walk(own, selector, sro, out, firstOnly)) return true;
	}
	const all = root.querySelectorAll("*");
	for (let i = 0; i < all.length; i++) {
		const el = all[i];
		if (el.localName === "crm-coach-overlay") continue;
		if (safeMatches$1(el, selector)) {
			out.push(el);
			if (firstOnly) return true;
		}
		const sr = rootOf(el, sro);
		if (sr && walk(sr, selector, sro, out, firstOnly)) return true;
	}
	return false;
}
/** The parent in the flat (composed) tree: slot for slotted nodes, host for shadow tree tops. */
function flatParent(el) {
	const slot = el.assignedSlot;
	if (slot) return slot;
	if (el.parentElement) return el.parentElement;
	const p = el.parentNode;
	if (p && p.nodeType === DOCUMENT_FRAGMENT_NODE && p.host) return p.host;
	return null;
}
/** `el` and its flat-tree ancestors, nearest first. */
function* flatAncestors(el) {
	for (let n = el; n; n = flatParent(n)) yield n;
}
/** Nearest flat-tree ancestor (or self) matching `selector`, crossing shadow boundaries. */
function closestDeep(el, selector) {
	for (const n of flatAncestors(el)) if (safeMatches$1(n, selector)) return n;
	return null;
}
/** True when `a` contains `b` in the flat tree (or is it). */
function containsDeep(a, b) {
	for (const n of flatAncestors(b)) if (n === a) return true;
	return false;
}
function newVisibilityMemo() {
	return {
		markup: /* @__PURE__ */ new Map(),
		style: /* @__PURE__ */ new Map()
	};
}
/**
* Whether the element is rendered: not display:none / visibility:hidden itself or through an
* ancestor (flat tree), not under a [hidden] ancestor, not inside a closed <details> (other than
* its summary). Uses the engine's checkVisibility where it exists. Pass one memo per page read.
*/
function isVisible(el, memo = newVisibilityMemo()) {
	try {
		if (hiddenByMarkup(el, memo.markup)) return false;
		const cv = el.checkVisibility;
		if (typeof cv !== "function") return !hiddenByStyle(el, memo.style);
		if (!cv.call(el, { visibilityProperty: true })) return false;
		const hosts = [];
		let visible = true;
		for (let host = hostOf(el); host; host = hostOf(host)) {
			const known = memo.style.get(host);
			if (known !== void 0) {
				visible = known;
				break;
			}
			hosts.push(host);
			if (!cv.call(host, { visibilityProperty: true })) {
				visible = false;
				break;
			}
		}
		for (const h of hosts) memo.style.set(h, visible);
		return visible;
	} catch {
		return true;
	}
}
function hostOf(el) {
	const root = el.getRootNode?.();
	return root && root.nodeType === DOCUMENT_FRAGMENT_NODE ? root.host ?? null : null;
}
/** [hidden] attributes and closed <details> on the flat-tree path (memoized per element). */
function hiddenByMarkup(el, memo) {
	const path = [];
	let result = false;
	for (let n = el; n; n = flatParent(n)) {
		const known = memo.get(n);
		if (known !== void 0) {
			result = known;
			break;
		}
		path.push(n);
		if (n.hasAttribute("hidden") && n.getAttribute("hidden") !== "until-found") {
			result = true;
			break;
		}
		const p = flatParent(n);
		if (p && p.localName === "details" && !p.hasAttribute("open") && n.localName !== "summary") {
			result = true;
			break;
		}
	}
	for (const n of path) memo.set(n, result);
	return result;
}
/** Computed display:none on the flat-tree path, visibility on the element (it inherits). */
function hiddenByStyle(el, memo) {
	const view = el.ownerDocument?.defaultView;
	if (!view || typeof view.getComputedStyle !== "function") return false;
	const own = view.getComputedStyle(el).visibility;
	if (own === "hidden" || own === "collapse") return true;
	const path = [];
	let result = false;
	for (let n = el; n; n = flatParent(n)) {
		const known = memo.get(n);
		if (known !== void 0) {
			result = known;
			break;
		}
		path.push(n);
		const st = view.getComputedStyle(n);
		if (st.display === "none" || st.visibility === "hidden") {
			result = true;
			break;
		}
	}
	for (const n of path) memo.set(n, result);
	return result;
}
/** Collapse whitespace and trim. */
function clean(s) {
	return (s ?? "").replace(/[\s\u00a0]+/g, " ").trim();
}
/**
* Text the element renders, through shadow roots (slots contribute their assigned nodes),
* whitespace collapsed. Skips <style>/<script>/<template> and elements matching `skip`.
*/
function textOf(el, opts = {}) {
	if (!el) return "";
	const parts = [];
	collectText(el, opts, parts, true);
	return clean(parts.join(" "));
}
function collectText(node, opts, parts, isRoot = false) {
	if (node.nodeType === TEXT_NODE) {
		parts.push(node.nodeValue ?? "");
		return;
	}
	if (node.nodeType !== ELEMENT_NODE && node.nodeType !== DOCUMENT_FRAGMENT_NODE) return;
	let children = node.childNodes;
	if (node.nodeType === ELEMENT_NODE) {
		const el = node;
		const tag = el.localName;
		if (tag === "style" || tag === "script" || tag === "template" || tag === "crm-coach-overlay") return;
		if (!isRoot && opts.skip && safeMatches$1(el, opts.skip)) return;
		if (tag === "slot") {
			const assigned = el.assignedNodes?.({ flatten: true }) ?? [];
			if (assigned.length) children = assigned;
		} else {
			const sr = rootOf(el, opts.shadowRootOf);
			if (sr) children = sr.childNodes;
		}
	}
	for (let i = 0; i < children.length; i++) collectText(children[i], opts, parts);
}
/** Display markers CRMs show for "no value" (Salesforce "--None--", HubSpot "--", Zoho "-None-", Dynamics "---"). */
var EMPTY_MARKERS = /* @__PURE__ */ new Set([
	"-",
	"--",
	"---",
	"—",
	"–",
	"--none--",
	"-none-",
	"--无--",
	"-无-",
	"(none)",
	"--select--"
]);
/** True when displayed text means "no value". */
function isEmptyDisplay(text) {
	const t = clean(text).toLowerCase();
	return t === "" || EMPTY_MARKERS.has(t);
}
var CONTROL_SELECTOR = "input:not([type=hidden]):not([type=button]):not([type=submit]):not([type=reset]):not([type=image]), textarea, select, [contenteditable=\"\"], [contenteditable=true]";
/** Form controls a user types into or chooses from. */
var FORM_CONTROL_SELECTOR = CONTROL_SELECTOR;
/** True for input/textarea/select/contenteditable. */
function isFormControl(el) {
	return safeMatches$1(el, CONTROL_SELECTOR);
}
/**
* The value a control displays: input/textarea value, a select's chosen option text ('' when
* its value is '' or the option text is an empty marker), "true"/"false" for checkboxes and
* radios, contenteditable text. Placeholders never count.
*/
function controlValue(el) {
	const tag = el.localName;
	if (tag === "input") {
		const input = el;
		const type = (input.type || "text").toLowerCase();
		if (type === "checkbox" || type === "radio") return input.checked ? "true" : "false";
		return input.value ?? "";
	}
	if (tag === "textarea") return el.value ?? "";
	if (tag === "select") {
		const select = el;
		const opt = select.selectedIndex >= 0 ? select.options[select.selectedIndex] : null;
		if (!opt || select.value === "") return "";
		const text = clean(opt.text || opt.textContent);
		return isEmptyDisplay(text) ? "" : text;
	}
	return textOf(el);
}
/** True when the control or an ancestor marks it required (required, aria-required). */
function controlRequired(el) {
	if (!el) return false;
	return el.hasAttribute("required") || el.getAttribute("aria-required") === "true";
}
/**
* Heading of the section an element sits in: the nearest flat-tree ancestor matching
* `containers` named by aria-label, aria-labelledby, or its first summary/legend/heading.
*/
function sectionOf(el, containers = "section, [role=region], details, fieldset, [role=group][aria-label]", memo) {
	for (const n of flatAncestors(flatParent(el))) {
		if (!safeMatches$1(n, containers)) continue;
		if (memo?.has(n)) return memo.get(n);
		const name = sectionName(n);
		memo?.set(n, name);
		if (name) return name;
	}
}
function sectionName(n) {
	const aria = clean(n.getAttribute("aria-label"));
	if (aria) return aria;
	const ids = clean(n.getAttribute("aria-labelledby"));
	if (ids) {
		const root = n.getRootNode();
		const text = ids.split(" ").map((id) => textOf(root.getElementById ? root.getElementById(id) : null)).join(" ").trim();
		if (text) return text;
	}
	for (let c = n.firstElementChild; c; c = c.nextElementSibling) if (safeMatches$1(c, "summary, legend, h1, h2, h3, h4, h5, h6, [role=heading], header")) {
		const t = textOf(c);
		if (t) return t;
	}
}
/** Visible dialogs (modals, quick-create panels) holding at least one element matching `fieldSelector`. */
function openDialogWith(doc, fieldSelector, shadowRootOf, memo, dialogSelector = "[role=dialog], [role=alertdialog], dialog[open]") {
	const dialogs = deepQueryAll(doc, dialogSelector, shadowRootOf);
	for (let i = dialogs.length - 1; i >= 0; i--) {
		const d = dialogs[i];
		if (!isVisible(d, memo)) continue;
		if (deepQuery(d, fieldSelector, shadowRootOf)) return d;
	}
	return null;
}
/** Strip a trailing/leading required asterisk from a label. */
function stripRequiredMark(label) {
	const t = clean(label);
	const m = /^\*\s*(.+)$|^(.+?)\s*\*$/.exec(t);
	if (!m) return {
		label: t,
		marked: false
	};
	return {
		label: clean(m[1] ?? m[2]),
		marked: true
	};
}
/**
* SPA shells keep pages the user left in the DOM, hidden. Given the selector of a page root,
* returns a predicate that is false for elements inside a hidden page root (stale page) and true
* otherwise (also when the shell has no such roots at all).
*/
function notInStalePage(doc, pageRootSelector, shadowRootOf, memo) {
	const hidden = deepQueryAll(doc, pageRootSelector, shadowRootOf).filter((r) => !isVisible(r, memo));
	if (hidden.length === 0) return () => true;
	return (el) => !hidden.some((r) => containsDeep(r, el));
}
// utils/crm/model.ts
function emptyModel(crm, url, page = "home", object = null) {
	return {
		crm,
		object,
		page,
		recordKey: null,
		url: url.href,
		fields: []
	};
}
var warned = /* @__PURE__ */ new Set();
/** Run an adapter body; on any error log once per adapter and return an empty model. Never throws. */
function safeRead(crm, url, body) {
	try {
		return body();
	} catch (err) {
		if (!warned.has(crm)) {
			warned.add(crm);
			console.warn(`[CRM Coach] ${crm} adapter could not read the page`, err);
		}
		try {
			return emptyModel(crm, url);
		} catch {
			return {
				crm,
				object: null,
				page: "home",
				recordKey: null,
				url: String(url),
				fields: []
			};
		}
	}
}
/**
* The displayed value of a field container: its form control's value when it has one
* (placeholder never counts), else the displayed text, where CRM "no value" markers count as empty.
*/
function displayedValue(container, opts = {}) {
	const control = opts.control === void 0 ? deepQuery(container, FORM_CONTROL_SELECTOR, opts.shadowRootOf) : opts.control;
	if (control) {
		const value = controlValue(control);
		return {
			value,
			empty: clean(value) === "",
			control
		};
	}
	const combo = deepQuery(container, "[role=combobox]", opts.shadowRootOf);
	if (combo) {
		const text = textOf(combo, {
			shadowRootOf: opts.shadowRootOf,
			skip: opts.skip
		});
		const empty = combo.getAttribute("data-value") === "" || isEmptyDisplay(text);
		return {
			value: empty ? "" : text,
			empty,
			control: combo
		};
	}
	const text = textOf(opts.display ?? container, {
		skip: opts.skip,
		shadowRootOf: opts.shadowRootOf
	});
	const empty = isEmptyDisplay(text);
	return {
		value: empty ? "" : text,
		empty
	};
}
function field(p) {
	const label = clean(p.label);
	const f = {
		label,
		apiName: clean(p.apiName) || label,
		empty: p.shown.empty,
		required: p.required,
		element: p.element,
		value: p.shown.value,
		visible: p.visible
	};
	if (p.section) f.section = p.section;
	if (p.shown.control) f.control = p.shown.control;
	return f;
}
/** "Opportunity_Line__c" -> "Opportunity Line"; "opportunity" -> "Opportunity". */
function labelFromApiName(api) {
	const base = api.replace(/__(c|r|x|mdt|e)$/i, "").replace(/_/g, " ").trim();
	return base.charAt(0).toUpperCase() + base.slice(1);
}
// utils/crm/hash.ts
/**
* Salted local record keys: "once per record" bookkeeping without ever keeping a record id.
* A fast synchronous 53-bit hash (two 32-bit multiply-xorshift lanes); not cryptographic, but
* salted per install so the key cannot be looked up across installs, and the raw id never leaves
* the content script.
*/
/** 53-bit hash of a string as a non-negative safe integer. */
function hash53(input, seed = 0) {
	let a = 3735928559 ^ seed;
	let b = 1103547991 ^ seed;
	for (let i = 0; i < input.length; i++) {
		const c = input.charCodeAt(i);
		a = Math.imul(a ^ c, 2654435761);
		b = Math.imul(b ^ c, 1597334677);
		a = a << 7 | a >>> 25;
	}
	a = Math.imul(a ^ a >>> 16, 2246822507) ^ Math.imul(b ^ b >>> 13, 3266489909);
	b = Math.imul(b ^ b >>> 16, 2246822507) ^ Math.imul(a ^ a >>> 13, 3266489909);
	return 2097152 * (b >>> 11) + (a >>> 0);
}
/** The key a record is known by locally: never the raw id. */
function recordKeyOf(rawId, salt) {
	return "rk_" + hash53(salt + "\0" + rawId).toString(36);
}
// utils/crm/salesforce.ts
var ID$4 = "salesforce";
var HOST_RE = /(^|\.)(force\.com|salesforce\.com|salesforce-setup\.com|visualforce\.com|cloudforce\.com)$/i;
/** Key prefixes of common standard objects (Classic URLs carry only the id). */
var KEY_PREFIX = {
	"001": "Account",
	"003": "Contact",
	"006": "Opportunity",
	"00Q": "Lead",
	"500": "Case",
	"701": "Campaign",
	"800": "Contract",
	"801": "Order",
	"0Q0": "Quote",
	"00T": "Task",
	"00U": "Event",
	"01t": "Product2"
};
var STANDARD_LABELS = { Product2: "Product" };
var ITEM_SELECTOR = "records-record-layout-item, [data-target-selection-name^=\"sfdc:RecordField.\"]";
var PAGE_CONTAINERS = ".oneContent, .windowViewMode-normal, .windowViewMode-maximized, .windowViewMode-console";
var DIALOGS = "section[role=dialog], div[role=dialog], .uiModal, .slds-modal";
var SECTION_CONTAINERS = "records-record-layout-section, .slds-section, section, [role=region], details, fieldset";
var SKIP_TEXT = ".slds-assistive-text, .assistiveText, button, abbr.slds-required, .slds-required";
/** Page kind, object and record id from a Lightning URL. Pure. */
function parseLightningUrl(url) {
	const p = url.pathname;
	if (!p.startsWith("/lightning/")) return null;
	let m = /^\/lightning\/r\/(?:([A-Za-z][\w]*)\/)?([a-zA-Z0-9]{15,18})\/(view|edit|related\/[^/]+\/view|clone)(?:\/|$)/.exec(p);
	if (m) {
		const id = m[2];
		const action = m[3];
		return {
			page: action === "edit" ? "edit" : action === "clone" ? "new" : "record",
			objectApi: m[1] ?? KEY_PREFIX[id.slice(0, 3)] ?? null,
			recordId: action === "clone" ? null : id
		};
	}
	m = /^\/lightning\/o\/([A-Za-z][\w]*)\/(new|list|home)(?:\/|$)/.exec(p);
	if (m) return {
		page: m[2] === "new" ? "new" : "list",
		objectApi: m[1],
		recordId: null
	};
	return {
		page: "home",
		objectApi: null,
		recordId: null
	};
}
/** Page kind, object and record id from a Classic URL (/006xx..., /006xx.../e, /006/e, /006/o). Pure. */
function parseClassicUrl(url) {
	const p = url.pathname;
	let m = /^\/([a-zA-Z0-9]{15}|[a-zA-Z0-9]{18})(\/e)?\/?$/.exec(p);
	if (m && /^[a-zA-Z0-9]{3}/.test(m[1]) && /\d/.test(m[1])) return {
		page: m[2] ? "edit" : "record",
		objectApi: KEY_PREFIX[m[1].slice(0, 3)] ?? null,
		recordId: m[1]
	};
	m = /^\/([a-zA-Z0-9]{3})\/(e|o)\/?$/.exec(p);
	if (m) return {
		page: m[2] === "e" ? "new" : "list",
		objectApi: KEY_PREFIX[m[1]] ?? null,
		recordId: null
	};
	if (/^\/home\/home\.jsp/.test(p) || p === "/") return {
		page: "home",
		objectApi: null,
		recordId: null
	};
	return null;
}
function objectLabel(api) {
	return STANDARD_LABELS[api] ?? labelFromApiName(api);
}
/** 15-character form of a Salesforce id, so Classic (15) and Lightning (18) keys agree. */
function canonicalId(id) {
	return id.length === 18 ? id.slice(0, 15) : id;
}
function selectionTarget(el) {
	const raw = el.getAttribute("data-target-selection-name") ?? "";
	const m = /^sfdc:RecordField\.([\w]+)\.([\w.]+)$/.exec(raw);
	return m ? {
		object: m[1],
		field: m[2]
	} : null;
}
/** The visible page containers (Lightning keeps stale ones, hidden); null when the shell has none. */
function visiblePages(doc, sro, memo) {
	const all = deepQueryAll(doc, PAGE_CONTAINERS, sro);
	if (all.length === 0) return null;
	return all.filter((el) => {
		const p = flatParent(el);
		return !p || !closestDeep(p, PAGE_CONTAINERS);
	}).filter((el) => isVisible(el, memo));
}
function visibleModal(doc, sro, memo) {
	const dialogs = deepQueryAll(doc, DIALOGS, sro);
	for (let i = dialogs.length - 1; i >= 0; i--) {
		const d = dialogs[i];
		if (isVisible(d, memo) && deepQuery(d, ITEM_SELECTOR, sro)) return d;
	}
	return null;
}
function readItem(item, sro, memo, sections) {
	const target = selectionTarget(item);
	const { label } = stripRequiredMark(item.getAttribute("field-label") ?? textOf(deepQuery(item, ".test-id__field-label, label.slds-form-element__label, .slds-form-element__label", sro), {
		skip: ".slds-assistive-text, abbr.slds-required, .slds-required",
		shadowRootOf: sro
	}));
	if (!label) return null;
	const editing = !!deepQuery(item, "records-record-layout-base-input", sro);
	const control = deepQuery(item, FORM_CONTROL_SELECTOR, sro);
	const shown = displayedValue(item, {
		control,
		display: control ? null : deepQuery(item, "[data-output-element-id=output-field], .test-id__field-value, .slds-form-element__static", sro) ?? deepQuery(item, ".slds-form-element__control", sro),
		skip: SKIP_TEXT,
		shadowRootOf: sro
	});
	const required = !!deepQuery(item, "abbr.slds-required, .slds-required", sro) || controlRequired(control) || controlRequired(shown.control ?? null);
	return {
		f: field({
			label,
			apiName: target?.field ?? control?.getAttribute("name") ?? null,
			element: item,
			shown,
			required,
			section: sectionTitle(item, sections, sro),
			visible: isVisible(item, memo)
		}),
		editing: editing || !!control
	};
}
function sectionTitle(item, memo, sro) {
	const parent = flatParent(item);
	const sec = parent ? closestDeep(parent, "records-record-layout-section") : null;
	if (sec) {
		let title = memo.get(sec);
		if (title === void 0) {
			title = clean(textOf(deepQuery(sec, ".slds-section__title, .test-id__section-header-title", sro), { shadowRootOf: sro }));
			memo.set(sec, title);
		}
		if (title) return title;
	}
	return sectionOf(item, SECTION_CONTAINERS);
}
function readLightning(doc, url, ctx, route) {
	const sro = ctx.shadowRootOf;
	const memo = newVisibilityMemo();
	const modal = visibleModal(doc, sro, memo);
	let scopes;
	if (modal) scopes = [modal];
	else scopes = visiblePages(doc, sro, memo) ?? [doc];
	const items = [];
	const itemSet = /* @__PURE__ */ new Set();
	for (const s of scopes) for (const el of deepQueryAll(s, ITEM_SELECTOR, sro)) {
		if (itemSet.has(el)) continue;
		itemSet.add(el);
		items.push(el);
	}
	let objectApi = route.objectApi;
	if (!objectApi) for (const it of items) {
		const t = selectionTarget(it);
		if (t) {
			objectApi = t.object;
			break;
		}
	}
	const fields = [];
	const sections = /* @__PURE__ */ new Map();
	let editing = false;
	for (const it of items) {
		const parent = flatParent(it);
		const outer = parent ? closestDeep(parent, ITEM_SELECTOR) : null;
		if (outer && itemSet.has(outer)) continue;
		const t = selectionTarget(it);
		if (objectApi && t && t.object !== objectApi) continue;
		const r = readItem(it, sro, memo, sections);
		if (!r) continue;
		fields.push(r.f);
		if (r.editing && r.f.visible) editing = true;
	}
	let page = route.page;
	if (modal && page === "record") page = "edit";
	if (!modal && page === "record" && editing) page = "edit";
	let object = null;
	if (objectApi) {
		let label = "";
		if (!modal && (page === "record" || page === "edit")) for (const s of scopes) {
			const el = deepQuery(s, ".entityNameTitle", sro);
			if (el) {
				label = textOf(el, { shadowRootOf: sro });
				break;
			}
		}
		object = {
			label: label || objectLabel(objectApi),
			apiName: objectApi
		};
	}
	return {
		crm: ID$4,
		object,
		page,
		recordKey: route.recordId && (page === "record" || page === "edit") ? recordKeyOf(canonicalId(route.recordId), ctx.salt) : null,
		url: url.href,
		fields: page === "home" || page === "list" ? [] : fields
	};
}
function readClassic(doc, url, ctx, route) {
	const memo = newVisibilityMemo();
	const fields = [];
	const labels = Array.from(doc.querySelectorAll(".detailList td.labelCol, .detailList th.labelCol"));
	let editing = false;
	for (const cell of labels) {
		const data = cell.nextElementSibling;
		if (!data || !data.classList.contains("dataCol")) continue;
		const { label, marked } = stripRequiredMark(textOf(cell, { skip: ".assistiveText, .helpButton, .helpOrb" }));
		if (!label) continue;
		const control = data.querySelector(FORM_CONTROL_SELECTOR);
		if (control) editing = true;
		const shown = displayedValue(data, {
			control,
			skip: ".assistiveText, .helpButton, a.lookupIcon"
		});
		const block = cell.closest(".pbSubsection");
		const header = block?.previousElementSibling?.classList.contains("pbSubheader") ? block.previousElementSibling : null;
		fields.push(field({
			label,
			apiName: control?.getAttribute("name") ?? null,
			element: data,
			shown,
			required: marked || !!data.querySelector(".requiredInput, .requiredBlock") || controlRequired(control),
			section: header ? textOf(header.querySelector("h3") ?? header, { skip: ".assistiveText" }) || void 0 : void 0,
			visible: isVisible(data, memo)
		}));
	}
	let objectApi = route.objectApi;
	const pageType = textOf(doc.querySelector("h1.pageType"));
	if (!objectApi && pageType) objectApi = pageType.replace(/\s+Edit$/, "").replace(/\s+/g, "");
	const page = route.page === "record" && editing && doc.querySelector("form .pbBottomButtons input[name=save]") ? "edit" : route.page;
	return {
		crm: ID$4,
		object: objectApi ? {
			label: pageType && pageType.replace(/\s+Edit$/, "") || objectLabel(objectApi),
			apiName: objectApi
		} : null,
		page,
		recordKey: route.recordId ? recordKeyOf(canonicalId(route.recordId), ctx.salt) : null,
		url: url.href,
		fields: page === "list" || page === "home" ? [] : fields
	};
}
var salesforceAdapter = {
	id: ID$4,
	name: "Salesforce",
	matches(url) {
		return url.protocol === "https:" && HOST_RE.test(url.hostname);
	},
	read(doc, url, ctx) {
		return safeRead(ID$4, url, () => {
			const lightning = parseLightningUrl(url);
			if (lightning) return readLightning(doc, url, ctx, lightning);
			const classic = parseClassicUrl(url);
			if (classic) return readClassic(doc, url, ctx, classic);
			return emptyModel(ID$4, url);
		});
	}
};
// utils/crm/hubspot.ts
var ID$3 = "hubspot";
var HUBSPOT_OBJECTS = {
	"0-1": "Contact",
	"0-2": "Company",
	"0-3": "Deal",
	"0-5": "Ticket",
	"0-7": "Product",
	"0-8": "Line item",
	"0-14": "Quote"
};
var LEGACY = {
	contact: "0-1",
	company: "0-2",
	deal: "0-3",
	ticket: "0-5"
};
var INPUT_SELECTOR = "[data-selenium-test^=\"property-input-\"]";
var LABEL_SELECTOR = "[data-selenium-test*=\"property-label\"]";
/** Page kind, object type id and record id from a HubSpot URL. Pure. */
function parseHubSpotUrl(url) {
	const p = url.pathname;
	let m = /^\/contacts\/\d+\/record\/(\d+-\d+)\/(\d+)(?:\/|$)/.exec(p);
	if (m) return {
		page: "record",
		typeId: m[1],
		recordId: m[2]
	};
	m = /^\/contacts\/\d+\/(contact|company|deal|ticket)\/(\d+)(?:\/|$)/.exec(p);
	if (m) return {
		page: "record",
		typeId: LEGACY[m[1]],
		recordId: m[2]
	};
	m = /^\/contacts\/\d+\/objects\/(\d+-\d+)(?:\/|$)/.exec(p);
	if (m) return {
		page: "list",
		typeId: m[1],
		recordId: null
	};
	m = /^\/contacts\/\d+\/(contacts|companies|deals|tickets)(?:\/|$)/.exec(p);
	if (m) return {
		page: "list",
		typeId: LEGACY[m[1].replace(/ies$/, "y").replace(/s$/, "")] ?? null,
		recordId: null
	};
	return {
		page: "home",
		typeId: null,
		recordId: null
	};
}
function propertyName(input) {
	return (input.getAttribute("data-selenium-test") ?? "").replace(/^property-input-/, "");
}
/** The label for a property input: label[for], a property-label-<name>, or the nearest label around it. */
function labelFor(input, name, labels) {
	const id = input.getAttribute("id");
	if (id) {
		const byFor = labels.find((l) => l.getAttribute("for") === id);
		if (byFor) return byFor;
	}
	const byName = labels.find((l) => (l.getAttribute("data-selenium-test") ?? "").endsWith("-" + name));
	if (byName) return byName;
	for (const anc of flatAncestors(input.parentElement)) {
		const inside = labels.filter((l) => containsDeep(anc, l));
		if (inside.length === 1) return inside[0];
		if (inside.length > 1) break;
	}
	return null;
}
function readProperty(input, sro) {
	if (isFormControl(input)) {
		const value = controlValue(input);
		return {
			value,
			empty: clean(value) === "",
			control: input
		};
	}
	const inner = deepQueryAll(input, "input:not([type=hidden]), textarea, select", sro)[0];
	if (inner) {
		const value = controlValue(inner);
		return {
			value,
			empty: clean(value) === "",
			control: inner
		};
	}
	const text = textOf(input, { shadowRootOf: sro });
	const empty = isEmptyDisplay(text);
	return {
		value: empty ? "" : text,
		empty,
		control: input
	};
}
function read$3(doc, url, ctx) {
	const route = parseHubSpotUrl(url);
	const sro = ctx.shadowRootOf;
	const memo = newVisibilityMemo();
	const dialog = openDialogWith(doc, INPUT_SELECTOR, sro, memo);
	let page = route.page;
	if (dialog) page = route.page === "record" ? "edit" : "new";
	if (!route.typeId && !dialog) return emptyModel(ID$3, url, page);
	const scope = dialog ?? doc;
	const labels = deepQueryAll(scope, LABEL_SELECTOR, sro);
	const fields = [];
	const sections = /* @__PURE__ */ new Map();
	const current = dialog ? () => true : notInStalePage(doc, "[data-test-id=\"record-page\"]", sro, memo);
	for (const input of deepQueryAll(scope, INPUT_SELECTOR, sro)) {
		if (!current(input)) continue;
		const name = propertyName(input);
		if (!name) continue;
		const labelEl = labelFor(input, name, labels);
		const { label, marked } = stripRequiredMark(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : name);
		const shown = readProperty(input, sro);
		const container = labelEl ? commonAncestor(labelEl, input) ?? input : input;
		fields.push(field({
			label,
			apiName: name,
			element: container,
			shown,
			required: marked || controlRequired(input) || controlRequired(shown.control ?? null),
			section: sectionOf(container, "section, [role=region], details, fieldset", sections),
			visible: isVisible(input, memo)
		}));
	}
	const typeId = route.typeId;
	return {
		crm: ID$3,
		object: typeId ? {
			label: HUBSPOT_OBJECTS[typeId] ?? "Custom object",
			apiName: typeId
		} : null,
		page,
		recordKey: route.recordId && page !== "new" ? recordKeyOf(`${typeId}/${route.recordId}`, ctx.salt) : null,
		url: url.href,
		fields: page === "list" || page === "home" ? [] : fields
	};
}
function commonAncestor(a, b) {
	for (const n of flatAncestors(a)) if (containsDeep(n, b)) return n;
	return null;
}
var hubspotAdapter = {
	id: ID$3,
	name: "HubSpot",
	matches(url) {
		return url.protocol === "https:" && /(^|\.)hubspot\.com$/i.test(url.hostname) && /^app(-[a-z0-9]+)?\./i.test(url.hostname);
	},
	read(doc, url, ctx) {
		return safeRead(ID$3, url, () => read$3(doc, url, ctx));
	}
};
// utils/crm/dynamics.ts
var ID$2 = "dynamics";
var CONTAINER = "[data-id$=\"-FieldSectionItemContainer\"]";
/** Parameters from the query string, or from the hash on older deep links. */
function params(url) {
	const q = new URLSearchParams(url.search);
	if (q.get("pagetype") || q.get("etn")) return q;
	const h = url.hash.replace(/^#/, "");
	return new URLSearchParams(h.includes("=") ? h : "");
}
/** Page kind, entity logical name and record id from a Dynamics URL. Pure. */
function parseDynamicsUrl(url) {
	const q = params(url);
	const pagetype = (q.get("pagetype") ?? "").toLowerCase();
	const etn = q.get("etn");
	const id = (q.get("id") ?? "").replace(/[{}]/g, "").toLowerCase() || null;
	if (pagetype === "entityrecord") return {
		page: id ? "record" : "new",
		entity: etn,
		recordId: id
	};
	if (pagetype === "entitylist") return {
		page: "list",
		entity: etn,
		recordId: null
	};
	return {
		page: "home",
		entity: null,
		recordId: null
	};
}
/** Required level: 1 (system) and 2 (business) are required; 3 is recommended, not required. */
function requiredFromLevel(level) {
	return level === "1" || level === "2";
}
function controlOf(container, name, sro) {
	const esc = name.replace(/["\\]/g, "\\$&");
	const tag = deepQuery(container, `[data-id*="${esc}_selected_tag_text"], [data-id*="selected_tag_text"]`, sro);
	if (tag) {
		const text = textOf(tag, { shadowRootOf: sro }) || clean(tag.getAttribute("title"));
		return {
			value: text,
			empty: text === ""
		};
	}
	const controls = deepQueryAll(container, `[data-id^="${esc}.fieldControl"]`, sro);
	const formControl = controls.find((c) => /^(input|textarea|select)$/.test(c.localName) && c.type !== "hidden") ?? controls.map((c) => deepQuery(c, "input:not([type=hidden]), textarea, select", sro)).find(Boolean) ?? deepQuery(container, "input:not([type=hidden]), textarea, select", sro);
	if (formControl) {
		const value = controlValue(formControl);
		return {
			value,
			empty: clean(value) === "",
			control: formControl
		};
	}
	const display = controls[0] ?? null;
	const text = display ? textOf(display, { shadowRootOf: sro }) : "";
	const empty = text === "" || /^-{1,3}$/.test(text);
	return {
		value: empty ? "" : text,
		empty
	};
}
function read$2(doc, url, ctx) {
	const route = parseDynamicsUrl(url);
	if (route.page === "home" || route.page === "list" || !route.entity) return emptyModel(ID$2, url, route.page, route.entity ? {
		label: labelFromApiName(route.entity),
		apiName: route.entity
	} : null);
	const sro = ctx.shadowRootOf;
	const memo = newVisibilityMemo();
	const dialog = openDialogWith(doc, CONTAINER, sro, memo);
	const scope = dialog ?? doc;
	const fields = [];
	const sections = /* @__PURE__ */ new Map();
	let anyVisible = false;
	const all = deepQueryAll(scope, CONTAINER, sro);
	const formRoots = dialog ? [] : deepQueryAll(doc, "[data-id=\"editFormRoot\"], #mainContent", sro);
	const visibleForms = formRoots.filter((f) => isVisible(f, memo));
	for (const c of all) {
		if (visibleForms.length && !visibleForms.some((f) => containsDeep(f, c))) {
			if (formRoots.some((f) => containsDeep(f, c))) continue;
		}
		const name = (c.getAttribute("data-id") ?? "").replace(/-FieldSectionItemContainer$/, "");
		if (!name) continue;
		const labelEl = deepQuery(c, `label[id*="${name.replace(/["\\]/g, "\\$&")}-field-label"]`, sro) ?? deepQuery(c, "label", sro);
		const { label } = stripRequiredMark(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : name);
		const shown = controlOf(c, name, sro);
		const visible = isVisible(c, memo);
		anyVisible ||= visible;
		fields.push(field({
			label: label || name,
			apiName: name,
			element: c,
			shown,
			required: requiredFromLevel(c.getAttribute("data-fieldrequirement")) || c.getAttribute("data-fieldrequirement") === null && controlRequired(shown.control ?? null),
			section: sectionOf(c, "section, [role=region], [role=tabpanel], fieldset", sections),
			visible
		}));
	}
	const entityLabel = textOf(deepQuery(dialog ?? visibleForms[0] ?? doc, "[data-id=\"entity_name_span\"]", sro), { shadowRootOf: sro });
	const page = dialog ? route.page === "record" ? "edit" : "new" : route.page;
	return {
		crm: ID$2,
		object: {
			label: entityLabel || labelFromApiName(route.entity),
			apiName: route.entity
		},
		page,
		recordKey: route.recordId && page !== "new" ? recordKeyOf(`${route.entity}/${route.recordId}`, ctx.salt) : null,
		url: url.href,
		fields
	};
}
var dynamicsAdapter = {
	id: ID$2,
	name: "Dynamics 365",
	matches(url) {
		return url.protocol === "https:" && /(^|\.)(dynamics\.com|powerapps\.com)$/i.test(url.hostname) && /\/main\.aspx$/i.test(url.pathname);
	},
	read(doc, url, ctx) {
		return safeRead(ID$2, url, () => read$2(doc, url, ctx));
	}
};
// utils/crm/zoho.ts
var ID$1 = "zoho";
var COMPONENT = "[cx-prop-label]";
var ZOHO_MODULES = {
	Potentials: "Deal",
	Deals: "Deal",
	Leads: "Lead",
	Contacts: "Contact",
	Accounts: "Account",
	Cases: "Case",
	Quotes: "Quote",
	SalesOrders: "Sales Order",
	Invoices: "Invoice",
	Products: "Product",
	Campaigns: "Campaign",
	Tasks: "Task",
	Events: "Meeting",
	Calls: "Call",
	Vendors: "Vendor"
};
/** Page kind, module and record id from a Zoho CRM URL. Pure. */
function parseZohoUrl(url) {
	const m = /^\/crm\/(?:org[\w-]+\/)?tab\/(\w+)(?:\/([\w-]+))?(?:\/([\w-]+))?/.exec(url.pathname);
	if (!m) return {
		page: "home",
		module: null,
		recordId: null
	};
	const [, module, second, third] = m;
	if (!second || second === "custom-view" || second === "list") return {
		page: "list",
		module,
		recordId: null
	};
	if (second === "create") return {
		page: "new",
		module,
		recordId: null
	};
	if (/^\d+$/.test(second)) return {
		page: third === "edit" ? "edit" : "record",
		module,
		recordId: second
	};
	return {
		page: "list",
		module,
		recordId: null
	};
}
function valueOf(comp, sro) {
	const control = deepQuery(comp, FORM_CONTROL_SELECTOR, sro);
	if (control) {
		const value = controlValue(control);
		return {
			value,
			empty: clean(value) === "",
			control
		};
	}
	const dropdown = deepQuery(comp, ".lyteDropdownLabel, lyte-dropdown [role=button], [role=combobox]", sro);
	if (dropdown) {
		const text = textOf(dropdown, { shadowRootOf: sro });
		const empty = isEmptyDisplay(text);
		return {
			value: empty ? "" : text,
			empty,
			control: dropdown
		};
	}
	const display = deepQuery(comp, ".cxReadOnlyValue", sro);
	const text = display ? textOf(display, { shadowRootOf: sro }) : textOf(comp, {
		skip: "label, .cxLabel",
		shadowRootOf: sro
	});
	const empty = isEmptyDisplay(text);
	return {
		value: empty ? "" : text,
		empty
	};
}
function read$1(doc, url, ctx) {
	const route = parseZohoUrl(url);
	const object = route.module ? {
		label: ZOHO_MODULES[route.module] ?? route.module,
		apiName: route.module
	} : null;
	if (route.page === "home" || route.page === "list") return emptyModel(ID$1, url, route.page, object);
	const sro = ctx.shadowRootOf;
	const memo = newVisibilityMemo();
	const dialog = openDialogWith(doc, COMPONENT, sro, memo);
	const fields = [];
	const sections = /* @__PURE__ */ new Map();
	for (const comp of deepQueryAll(dialog ?? doc, COMPONENT, sro)) {
		if (!comp.localName.startsWith("crux-") && !comp.localName.endsWith("-component")) continue;
		const label = clean(comp.getAttribute("cx-prop-label"));
		if (!label) continue;
		const api = comp.getAttribute("cx-prop-field-key") || comp.getAttribute("cx-prop-zcqa") || comp.getAttribute("data-zcqa");
		fields.push(field({
			label,
			apiName: api,
			element: comp,
			shown: valueOf(comp, sro),
			required: comp.getAttribute("cx-prop-required") === "true",
			section: sectionOf(comp, "section, [role=region], fieldset, .dvSection", sections),
			visible: isVisible(comp, memo)
		}));
	}
	return {
		crm: ID$1,
		object,
		page: route.page,
		recordKey: route.recordId && route.page !== "new" ? recordKeyOf(`${route.module}/${route.recordId}`, ctx.salt) : null,
		url: url.href,
		fields
	};
}
var zohoAdapter = {
	id: ID$1,
	name: "Zoho CRM",
	matches(url) {
		return url.protocol === "https:" && /^crm\.(zoho\.(com|eu|in|com\.au|com\.cn|jp|ca|sa|uk)|zohocloud\.ca)$/i.test(url.hostname);
	},
	read(doc, url, ctx) {
		return safeRead(ID$1, url, () => read$1(doc, url, ctx));
	}
};
// utils/crm/pipedrive.ts
var ID = "pipedrive";
var ROW = "[data-test-key]";
var PIPEDRIVE_OBJECTS = {
	deal: "Deal",
	person: "Person",
	organization: "Organization",
	lead: "Lead",
	product: "Product",
	project: "Project"
};
/** Page kind, object and record id from a Pipedrive URL. Pure. */
function parsePipedriveUrl(url) {
	const p = url.pathname;
	let m = /^\/(deal|person|organization|product|project)\/(\d+)(?:\/|$)/.exec(p);
	if (m) return {
		page: "record",
		object: m[1],
		recordId: m[2]
	};
	m = /^\/leads\/inbox\/([\w-]{8,})(?:\/|$)/.exec(p);
	if (m) return {
		page: "record",
		object: "lead",
		recordId: m[1]
	};
	m = /^\/(deals|persons|organizations|products|projects|leads)(?:\/|$)/.exec(p) ?? /^\/(pipeline)(?:\/|$)/.exec(p);
	if (m) return {
		page: "list",
		object: m[1] === "pipeline" ? "deal" : m[1].replace(/s$/, ""),
		recordId: null
	};
	return {
		page: "home",
		object: null,
		recordId: null
	};
}
function read(doc, url, ctx) {
	const route = parsePipedriveUrl(url);
	const object = route.object ? {
		label: PIPEDRIVE_OBJECTS[route.object] ?? route.object,
		apiName: route.object
	} : null;
	const sro = ctx.shadowRootOf;
	const memo = newVisibilityMemo();
	const dialog = openDialogWith(doc, ROW, sro, memo);
	if (!dialog && (route.page === "home" || route.page === "list")) return emptyModel(ID, url, route.page, object);
	const fields = [];
	const sections = /* @__PURE__ */ new Map();
	const current = dialog ? () => true : notInStalePage(doc, "[data-testid$=\"-details-page\"]", sro, memo);
	for (const row of deepQueryAll(dialog ?? doc, ROW, sro)) {
		if (!current(row)) continue;
		const key = row.getAttribute("data-test-key") ?? "";
		const labelEl = deepQuery(row, "[data-testid=\"field-label\"], label", sro);
		const { label, marked } = stripRequiredMark(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : key);
		if (!label) continue;
		const shown = displayedValue(row, {
			display: deepQuery(row, "[data-testid=\"field-value\"]", sro),
			skip: "button",
			shadowRootOf: sro
		});
		fields.push(field({
			label,
			apiName: key,
			element: row,
			shown,
			required: marked || controlRequired(shown.control ?? null),
			section: sectionOf(row, "section, [role=region], fieldset", sections),
			visible: isVisible(row, memo)
		}));
	}
	const page = dialog ? route.page === "record" ? "edit" : "new" : route.page;
	return {
		crm: ID,
		object,
		page,
		recordKey: route.recordId && page !== "new" ? recordKeyOf(`${route.object}/${route.recordId}`, ctx.salt) : null,
		url: url.href,
		fields
	};
}
var pipedriveAdapter = {
	id: ID,
	name: "Pipedrive",
	matches(url) {
		return url.protocol === "https:" && /(^|\.)pipedrive\.com$/i.test(url.hostname);
	},
	read(doc, url, ctx) {
		return safeRead(ID, url, () => read(doc, url, ctx));
	}
};
// utils/crm/match-pattern.ts
/**
* WebExtension match patterns (`<scheme>://<host>/<path>`, `<all_urls>`), as used by pack
* `sites[].match` and `when.url`. Pure; an invalid pattern matches nothing.
*/
var cache$1 = /* @__PURE__ */ new Map();
function escapeRe(s) {
	return s.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
}
/** Compile a match pattern to a RegExp over the full URL, or null when it is invalid. */
function compileMatchPattern(pattern) {
	const hit = cache$1.get(pattern);
	if (hit !== void 0) return hit;
	let re = null;
	if (pattern === "<all_urls>") re = /^(https?|wss?|file|ftp):\/\//;
	else {
		const m = /^(\*|https?|wss?|file|ftp):\/\/(\*|\*\.[^/*:]+|[^/*:]+)?(?::(\d+|\*))?(\/.*)$/.exec(pattern);
		if (m) {
			const [, scheme, host = "", port, path] = m;
			const schemeRe = scheme === "*" ? "https?" : escapeRe(scheme);
			let hostRe;
			if (host === "*") hostRe = "[^/:]+";
			else if (host.startsWith("*.")) hostRe = "(?:[^/:]+\\.)?" + escapeRe(host.slice(2));
			else hostRe = escapeRe(host);
			const portRe = port === "*" ? "(?::\\d+)?" : port ? ":" + port : "(?::\\d+)?";
			const pathRe = path.split("*").map(escapeRe).join(".*");
			re = new RegExp("^" + schemeRe + ":\\/\\/" + hostRe + portRe + pathRe + "$", "i");
		}
	}
	cache$1.set(pattern, re);
	return re;
}
/** True when the URL matches the pattern (query and hash are part of the path, as in browsers). */
function matchesPattern(pattern, url) {
	const re = compileMatchPattern(pattern);
	if (!re) return false;
	const noHash = (typeof url === "string" ? url : url.href).split("#")[0];
	return re.test(noHash);
}
/** True when the URL matches any of the patterns. */
function matchesAny(patterns, url) {
	return patterns.some((p) => matchesPattern(p, url));
}
// utils/crm/sites.ts
function compile$1(re) {
	if (!re) return null;
	try {
		return new RegExp(re);
	} catch {
		return null;
	}
}
/** The URL forms a site regex is tried against: path, path + query, full URL. */
function candidates(url) {
	return [
		url.pathname,
		url.pathname + url.search,
		url.href
	];
}
function siteAdapter(site) {
	const objectRe = site.object && "urlPattern" in site.object ? compile$1(site.object.urlPattern) : null;
	const objectSelector = site.object && "selector" in site.object ? site.object.selector : null;
	const pageRes = [];
	for (const [kind, re] of Object.entries(site.page ?? {})) {
		const c = compile$1(re);
		if (c && PAGE_KINDS.includes(kind)) pageRes.push([kind, c]);
	}
	function pageOf(url, hasFields) {
		const forms = candidates(url);
		for (const [kind, re] of pageRes) if (forms.some((f) => re.test(f))) return kind;
		return hasFields ? "record" : "home";
	}
	function objectOf(doc, url, ctx) {
		if (objectRe) {
			for (const f of candidates(url)) {
				const m = objectRe.exec(f);
				const name = clean(m?.groups?.object ?? m?.[1]);
				if (name) return {
					label: name,
					apiName: name
				};
			}
			return null;
		}
		if (objectSelector) {
			const name = textOf(deepQuery(doc, objectSelector, ctx.shadowRootOf), { shadowRootOf: ctx.shadowRootOf });
			return name ? {
				label: name,
				apiName: name
			} : null;
		}
		return null;
	}
	function read(doc, url, ctx) {
		const sro = ctx.shadowRootOf;
		const memo = newVisibilityMemo();
		const spec = site.field;
		const fields = [];
		const sections = /* @__PURE__ */ new Map();
		const containers = spec?.container ? deepQueryAll(doc, spec.container, sro) : [];
		for (const c of containers) {
			const input = spec.input ? c.matches?.(spec.input) ? c : deepQuery(c, spec.input, sro) : null;
			const labelEl = spec.label ? deepQuery(c, spec.label, sro) : null;
			const { label, marked } = stripRequiredMark(labelEl ? textOf(labelEl, { shadowRootOf: sro }) : input?.getAttribute("aria-label") ?? "");
			if (!label) continue;
			let shown;
			if (input && isFormControl(input)) {
				const value = controlValue(input);
				shown = {
					value,
					empty: clean(value) === "",
					control: input
				};
			} else {
				const text = textOf(input ?? c, {
					shadowRootOf: sro,
					skip: spec.label
				});
				const empty = isEmptyDisplay(text);
				shown = {
					value: empty ? "" : text,
					empty,
					control: input ?? void 0
				};
			}
			let required = marked || controlRequired(input);
			if (!required && spec.required) required = safeMatches(c, spec.required) || !!deepQuery(c, spec.required, sro);
			fields.push(field({
				label,
				apiName: input?.getAttribute("name") || input?.getAttribute("data-name") || null,
				element: c,
				shown,
				required,
				section: sectionOf(c, void 0, sections),
				visible: isVisible(c, memo)
			}));
		}
		const page = pageOf(url, fields.length > 0);
		return {
			crm: site.id,
			object: objectOf(doc, url, ctx),
			page,
			recordKey: page === "record" || page === "edit" ? recordKeyOf(`${site.id}:${url.host}${url.pathname}`, ctx.salt) : null,
			url: url.href,
			fields: page === "list" || page === "home" ? [] : fields
		};
	}
	return {
		id: site.id,
		name: site.name,
		matches(url) {
			try {
				return matchesAny(site.match ?? [], url);
			} catch {
				return false;
			}
		},
		read(doc, url, ctx) {
			return safeRead(site.id, url, () => site.field ? read(doc, url, ctx) : emptyModel(site.id, url));
		}
	};
}
function safeMatches(el, selector) {
	try {
		return el.matches(selector);
	} catch {
		return false;
	}
}
// utils/crm/index.ts
var BUILTIN_ADAPTERS = [
	salesforceAdapter,
	hubspotAdapter,
	dynamicsAdapter,
	zohoAdapter,
	pipedriveAdapter
];
var siteAdapters = /* @__PURE__ */ new WeakMap();
function adapterOfSite(site) {
	let a = siteAdapters.get(site);
	if (!a) {
		a = siteAdapter(site);
		siteAdapters.set(site, a);
	}
	return a;
}
/** The adapter for a URL: built-in CRMs first, then pack sites in order. Null when none. */
function adapterFor(url, sites = []) {
	try {
		for (const a of BUILTIN_ADAPTERS) if (a.matches(url)) return a;
		for (const s of sites) {
			const a = adapterOfSite(s);
			if (a.matches(url)) return a;
		}
	} catch (err) {
		console.warn("[CRM Coach] adapterFor failed", err);
	}
	return null;
}
// utils/crm/targets.ts
/** Case- and whitespace-insensitive key: "Next  Step" == "next step" == "NextStep". */
function nameKey(s) {
	return clean(s).toLowerCase().replace(/\s+/g, "");
}
/**
* The field a pack names, by API name or visible label (case and whitespace insensitive).
* Visible fields win over hidden ones; then an API-name match over a label match; then page order.
*/
function findField(model, name) {
	const key = nameKey(name);
	if (!key) return void 0;
	let best;
	let bestScore = -1;
	for (const f of model.fields) {
		const byApi = nameKey(f.apiName) === key;
		const byLabel = nameKey(f.label) === key;
		if (!byApi && !byLabel) continue;
		const score = (f.visible ? 2 : 0) + (byApi ? 1 : 0);
		if (score > bestScore) {
			best = f;
			bestScore = score;
		}
	}
	return best;
}
/**
* The element a target points at: a field's element; the first visible element matching a
* selector (through open shadow roots, and closed ones `shadowRootOf` reaches) whose text
* contains `text` (case and whitespace insensitive), else the first such element even if hidden;
* null for page targets and for targets not on the page (not an error: they may appear later).
*/
function resolveTarget(target, model, doc, shadowRootOf) {
	try {
		if ("field" in target) return findField(model, target.field)?.element ?? null;
		if ("selector" in target) {
			const want = target.text ? clean(target.text).toLowerCase() : "";
			const matches = deepQueryAll(doc, target.selector, shadowRootOf).filter((el) => !want || textOf(el, { shadowRootOf }).toLowerCase().includes(want) || clean(el.getAttribute("aria-label")).toLowerCase().includes(want));
			if (matches.length === 0) return null;
			const memo = newVisibilityMemo();
			return matches.find((el) => isVisible(el, memo)) ?? matches[0];
		}
	} catch (err) {
		console.warn("[CRM Coach] could not resolve a target", err);
	}
	return null;
}
// utils/coach/fields.ts
function norm(text) {
	return text.replace(/\s+/g, " ").trim().toLowerCase();
}
/**
* The field a pack names, by visible label or API name (case and whitespace insensitive), the
* same lookup targets use (utils/crm/targets findField): visible fields win over hidden ones.
*/
function fieldNamed(model, name) {
	return findField(model, name);
}
/** True when the field shows one of the values (trimmed, case-insensitive text). */
function fieldShowsOneOf(field, values) {
	const shown = norm(field.value);
	return values.some((v) => norm(v) === shown);
}
// utils/coach/match-url.ts
/**
* Tests a URL against a WebExtension match pattern (`<all_urls>` or `<scheme>://<host><path>`).
* Scheme `*` means http or https; host `*` any host, `*.example.com` the domain and its
* subdomains; an optional `:port` (or `:*`); with no port any port matches. The path glob is
* matched against the URL's path and query, as browsers do. An invalid pattern matches nothing.
*/
var ALL_URL_SCHEMES = /* @__PURE__ */ new Set([
	"http:",
	"https:",
	"ws:",
	"wss:",
	"ftp:",
	"file:"
]);
var cache = /* @__PURE__ */ new Map();
function matchesUrlPattern(pattern, url) {
	let parsed;
	try {
		parsed = typeof url === "string" ? new URL(url) : url;
	} catch {
		return false;
	}
	let test = cache.get(pattern);
	if (test === void 0) {
		test = compile(pattern);
		if (cache.size > 200) cache.clear();
		cache.set(pattern, test);
	}
	return test ? test(parsed) : false;
}
function compile(pattern) {
	if (pattern === "<all_urls>") return (u) => ALL_URL_SCHEMES.has(u.protocol);
	const m = /^(\*|[a-z][a-z0-9+.-]*):\/\/([^/]*)(\/.*)$/.exec(pattern);
	if (!m) return null;
	const [, scheme, hostPart, path] = m;
	const schemeOk = scheme === "*" ? (p) => p === "http:" || p === "https:" : (p) => p === `${scheme}:`;
	if (scheme === "file") {
		if (hostPart !== "") return null;
		const pathRe = glob(path);
		return (u) => u.protocol === "file:" && pathRe.test(u.pathname + u.search);
	}
	if (hostPart === "") return null;
	const hp = /^(.*?)(?::(\d+|\*))?$/.exec(hostPart);
	if (!hp) return null;
	const host = hp[1].toLowerCase();
	const port = hp[2];
	if (host !== "*" && host.slice(host.startsWith("*.") ? 2 : 0).includes("*")) return null;
	const hostOk = host === "*" ? () => true : host.startsWith("*.") ? (h) => h === host.slice(2) || h.endsWith(host.slice(1)) : (h) => h === host;
	const portOk = port === void 0 || port === "*" ? () => true : (u) => effectivePort(u) === port;
	const pathRe = glob(path);
	return (u) => schemeOk(u.protocol) && hostOk(u.hostname.toLowerCase()) && portOk(u) && pathRe.test(u.pathname + u.search);
}
function effectivePort(u) {
	if (u.port) return u.port;
	return u.protocol === "https:" || u.protocol === "wss:" ? "443" : u.protocol === "http:" || u.protocol === "ws:" ? "80" : "";
}
function glob(path) {
	const body = path.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
	return new RegExp(`^${body}$`);
}
// utils/coach/when.ts
/** Conditions of `when` that do not hold on this page (empty when every set key holds). */
function whenFailures(when, model) {
	if (!when) return [];
	const out = [];
	if (when.crm && when.crm.length > 0 && !when.crm.some((c) => norm(c) === norm(model.crm))) out.push({
		code: "crm",
		expected: when.crm.join(", "),
		actual: model.crm
	});
	if (when.object && when.object.length > 0) {
		const obj = model.object;
		if (!(obj !== null && when.object.some((o) => norm(o) === norm(obj.label) || norm(o) === norm(obj.apiName)))) out.push({
			code: "object",
			expected: when.object.join(", "),
			actual: obj ? obj.label : ""
		});
	}
	if (when.page && when.page.length > 0 && !when.page.includes(model.page)) out.push({
		code: "page",
		expected: when.page.join(", "),
		actual: model.page
	});
	if (when.url && !matchesUrlPattern(when.url, model.url)) out.push({
		code: "url",
		expected: when.url
	});
	if (when.fieldEquals) {
		const failed = fieldConditionFailures(when.fieldEquals, model);
		if (failed.length) out.push({
			code: "fieldEquals",
			expected: failed.join(", ")
		});
	}
	return out;
}
/**
* Names of the fields in a `fieldEquals`/`requiredWhen` map whose displayed value is none of the
* listed values (a field absent from the page fails). Only names are returned, never values.
*/
function fieldConditionFailures(conditions, model) {
	const failed = [];
	for (const [name, values] of Object.entries(conditions)) {
		const field = fieldNamed(model, name);
		if (!field || !fieldShowsOneOf(field, values)) failed.push(name);
	}
	return failed;
}
// utils/packs/cli/lint-page.ts
/**
* `crm-coach-pack lint <pack> --page <saved.html>`: reads a saved CRM page with the extension's
* own adapters (utils/crm) and reports the targets and nudge fields of the pack that do not
* resolve there. Items whose `when` does not match the page are skipped (they are for other pages);
* `fieldEquals` is ignored, since a saved page holds one record's values.
*/
/** The URL Chrome records in a saved page (`<!-- saved from url=(0047)https://... -->`), or its canonical link. */
function savedPageUrl(html) {
	const saved = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html);
	if (saved) return saved[1];
	const canonical = /<link\s[^>]*rel=["']?canonical["']?[^>]*href=["']([^"']+)["']/i.exec(html);
	return canonical ? canonical[1] : null;
}
function applies(when, model) {
	return whenFailures(when, model).filter((r) => r.code !== "fieldEquals").length === 0;
}
function describeTarget(target) {
	if ("field" in target) return `field "${target.field}"`;
	if ("selector" in target) return `selector "${target.selector}"${target.text ? ` with text "${target.text}"` : ""}`;
	return "the page";
}
async function lintPackOnPage(pack, html, urlOption) {
	const report = {
		info: [],
		problems: [],
		fatal: false
	};
	const fail = (message) => {
		report.problems.push(message);
		report.fatal = true;
		return report;
	};
	const rawUrl = urlOption ?? savedPageUrl(html);
	if (!rawUrl) return fail("cannot tell which URL the page was saved from: pass --url <the CRM page URL>");
	let url;
	try {
		url = new URL(rawUrl);
	} catch {
		return fail(`not a valid URL: ${rawUrl}`);
	}
	const adapter = adapterFor(url, pack.sites ?? []);
	if (!adapter) return fail(`no adapter reads ${url.host}: it is not a built-in CRM and no sites[].match of this pack covers it`);
	let JSDOM;
	try {
		const name = "jsdom";
		({JSDOM} = await import(
			/* @vite-ignore */
			name
));
	} catch {
		return fail("lint needs the jsdom package: npm install jsdom");
	}
	const dom = new JSDOM(html, { url: url.href });
	const doc = dom.window.document;
	const model = adapter.read(doc, url, { salt: "crm-coach-pack-lint" });
	const object = model.object ? `${model.object.label} (${model.object.apiName})` : "no object";
	report.info.push(`page: ${adapter.name}, ${object}, ${model.page} page, ${model.fields.length} fields`);
	report.info.push(`fields: ${model.fields.map((f) => f.apiName && f.apiName !== f.label ? `${f.label} [${f.apiName}]` : f.label).join(", ") || "(none)"}`);
	let checked = 0;
	let skipped = 0;
	const checkTarget = (target, where) => {
		if ("page" in target) return;
		if (!("field" in target ? findField(model, target.field) !== void 0 : resolveTarget(target, model, doc) !== null)) report.problems.push(`${where}: ${describeTarget(target)} is not on this page`);
	};
	pack.tips?.forEach((tip, i) => {
		if (!applies(tip.when, model)) return void skipped++;
		checked++;
		checkTarget(tip.target, `tips[${i}] (${tip.id})`);
	});
	pack.tours?.forEach((tour, i) => {
		if (!applies(tour.when, model)) return void skipped++;
		checked++;
		tour.steps.forEach((step, s) => checkTarget(step.target, `tours[${i}].steps[${s}] (${tour.id})`));
	});
	pack.nudges?.forEach((nudge, i) => {
		if (!applies(nudge.when, model)) return void skipped++;
		checked++;
		for (const name of nudge.fields) if (!findField(model, name)) report.problems.push(`nudges[${i}] (${nudge.id}): field "${name}" is not on this page`);
		for (const name of Object.keys(nudge.requiredWhen ?? {})) if (!findField(model, name)) report.info.push(`nudges[${i}] (${nudge.id}): requiredWhen field "${name}" is not on this page, so the nudge stays quiet here`);
	});
	report.info.push(`checked ${checked} items for this page; ${skipped} are for other pages`);
	dom.window.close();
	return report;
}
// utils/packs/cli/main.ts
/**
* crm-coach-pack: the trainers' command line.
*
*   crm-coach-pack validate <file...>            JSON or YAML; exit 1 on errors (file:line: path: rule)
*   crm-coach-pack build <dir> [-o out.json]     a folder of YAML + Markdown to one pack JSON
*   crm-coach-pack lint <pack> --page <saved.html> [--url <page url>]
*                                                targets and nudge fields not found on a saved CRM page
*   crm-coach-pack schema [-o pack.schema.json]  the JSON Schema for editors
*
* Built into bin/crm-coach-pack.mjs by scripts/build-cli.mjs.
*/
var USAGE = `Usage:
  crm-coach-pack validate <file...>
  crm-coach-pack build <dir> [-o <out.json>]
  crm-coach-pack lint <pack> --page <saved.html> [--url <page url>]
  crm-coach-pack schema [-o <pack.schema.json>]`;
function summary(pack) {
	const counts = [
		"tips",
		"nudges",
		"snippets",
		"tours",
		"milestones",
		"sites"
	].map((k) => [k, pack[k]?.length ?? 0]).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
	return `${pack.id} ${pack.version}${counts.length ? ` (${counts.join(", ")})` : ""}`;
}
/** Reads and validates one file; prints `file:line: path: rule` per problem. */
function validateFile(file, io) {
	let text;
	try {
		text = readFileSync(file, "utf8");
	} catch (err) {
		io.err(`${file}: cannot read: ${err.message}`);
		return null;
	}
	const parsed = parseDataText(text, file);
	if (!parsed.ok) {
		const line = /\(line (\d+), column \d+\)/.exec(parsed.error)?.[1];
		io.err(`${file}${line ? `:${line}` : ""}: ${parsed.error}`);
		return null;
	}
	const result = validatePackDetailed(parsed.value);
	if (result.ok) return result.pack;
	const locate = makeLocator(text);
	for (const issue of result.issues) {
		const line = issue.path.length > 0 ? locate(issue.path) : null;
		io.err(`${file}${line ? `:${line}` : ""}: ${formatPath(issue.path)}: ${issue.message}`);
	}
	return null;
}
function option(args, ...names) {
	const i = args.findIndex((a) => names.includes(a));
	if (i < 0) return void 0;
	const value = args[i + 1];
	args.splice(i, 2);
	return value;
}
async function run(argv, io) {
	const [command, ...rest] = argv;
	const args = [...rest];
	switch (command) {
		case "validate": {
			if (args.length === 0) {
				io.err(USAGE);
				return 2;
			}
			let failed = 0;
			for (const file of args) {
				const pack = validateFile(file, io);
				if (pack) io.out(`${file}: ok: ${summary(pack)}`);
				else failed++;
			}
			if (args.length > 1) io.out(`${args.length - failed} of ${args.length} packs valid`);
			return failed > 0 ? 1 : 0;
		}
		case "build": {
			const outFile = option(args, "-o", "--out");
			const dir = args[0];
			if (!dir) {
				io.err(USAGE);
				return 2;
			}
			let built;
			try {
				built = buildPackFromDir(dir);
			} catch (err) {
				if (err instanceof BuildError) {
					io.err(err.message);
					return 1;
				}
				throw err;
			}
			const result = validatePackDetailed(built.pack);
			if (!result.ok) {
				for (const issue of result.issues) {
					const item = issue.path.slice(0, 2);
					const from = built.origins.get(formatPath(item));
					io.err(`${from ? `${dir}/${from}` : dir}: ${formatPath(issue.path)}: ${issue.message}`);
				}
				return 1;
			}
			const json = `${JSON.stringify(result.pack, null, 2)}\n`;
			if (outFile) {
				writeFileSync(outFile, json);
				io.out(`${outFile}: ok: ${summary(result.pack)}`);
			} else io.out(json.trimEnd());
			return 0;
		}
		case "lint": {
			const page = option(args, "--page");
			const url = option(args, "--url");
			const file = args[0];
			if (!file || !page) {
				io.err(USAGE);
				return 2;
			}
			const pack = validateFile(file, io);
			if (!pack) return 1;
			let html;
			try {
				html = readFileSync(page, "utf8");
			} catch (err) {
				io.err(`${page}: cannot read: ${err.message}`);
				return 1;
			}
			const report = await lintPackOnPage(pack, html, url);
			for (const line of report.info) io.out(line);
			for (const problem of report.problems) io.err(`${file}: ${problem}`);
			if (report.problems.length === 0) io.out(`${file}: every target and nudge field for this page was found`);
			return report.problems.length > 0 || report.fatal ? 1 : 0;
		}
		case "schema": {
			const outFile = option(args, "-o", "--out");
			if (outFile) {
				writeFileSync(outFile, packJsonSchemaText());
				io.out(`${outFile}: written`);
			} else io.out(packJsonSchemaText().trimEnd());
			return 0;
		}
		case "-h":
		case "--help":
		case "help":
			io.out(USAGE);
			return 0;
		default:
			io.err(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
			return 2;
	}
}
// utils/packs/cli/entry.ts
/** Node entry of bin/crm-coach-pack.mjs. */
run(process.argv.slice(2), {
	out: (line) => process.stdout.write(`${line}\n`),
	err: (line) => process.stderr.write(`${line}\n`)
}).then((code) => {
	process.exitCode = code;
}, (err) => {
	process.stderr.write(`crm-coach-pack: ${err instanceof Error ? err.stack : String(err)}\n`);
	process.exitCode = 2;
});
export {};
