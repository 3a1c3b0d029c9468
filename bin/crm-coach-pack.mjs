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
// utils/packs/cli/lint-page.ts
async function lintPackOnPage(_pack, _html, _url) {
	return {
		info: [],
		problems: ["lint is not available yet"],
		fatal: true
	};
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
