/* index.html and details.html (html.h).  A page's tables are its Markdown's
 * (summary.md, details.md), converted: the Markdown writers are the one
 * place that decides what a table says, so a page and its Markdown cannot
 * drift apart.  The converter knows exactly the Markdown those writers
 * emit: "#" headings, pipe tables with an alignment row ("--:" right-aligns
 * a column), "- " lists, paragraphs, `code`, **bold**, [links](details.md)
 * to the other page, and image lines naming our plots, which become the SVG
 * itself.  Everything from the results is escaped (plot.h). */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "report/plot.h"
#include "base/util.h"

#define MAX_CELLS 64
#define WRAP_CHARS 48 /* a cell longer than this may wrap; shorter ones never do */

static const char css[] =
	"body{margin:0;color:#1b1b1b;background:#fff;"
	"font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'DejaVu Sans',sans-serif}\n"
	"main{max-width:1440px;margin:0 auto;padding:12px 24px 48px}\n"
	"h1{font-size:26px;margin:10px 0 2px}\n"
	".lead{color:#555;margin:0 0 10px}\n"
	"h2{font-size:20px;margin:30px 0 8px;padding-top:10px;border-top:1px solid #ddd}\n"
	"h3{font-size:15.5px;margin:20px 0 6px}\n"
	"nav ul{list-style:none;padding:0;margin:6px 0;display:flex;flex-wrap:wrap;gap:4px 18px}\n"
	"nav a,a{color:#1f5fa8;text-decoration:none}\n"
	"p,li{max-width:110ch}\n"
	".tw{overflow:auto;max-height:82vh;margin:6px 0 14px;border:1px solid #d6d6d6;"
	"display:inline-block;max-width:100%}\n"
	"table{border-collapse:separate;border-spacing:0;font-size:12.5px;"
	"font-variant-numeric:tabular-nums}\n"
	"th,td{padding:3px 9px;border-bottom:1px solid #ececec;white-space:nowrap;"
	"text-align:left;vertical-align:top}\n"
	"th{position:sticky;top:0;z-index:1;background:#eef1f5;border-bottom:1px solid #c8c8c8}\n"
	"td:first-child{position:sticky;left:0;background:#fff;border-right:1px solid #e4e4e4}\n"
	"th:first-child{left:0;z-index:2}\n"
	"tbody tr:nth-child(even) td{background:#f8f9fb}\n"
	"tbody tr:hover td{background:#eaf2ff}\n"
	"td.r,th.r{text-align:right}\n"
	"td.c,th.c{text-align:center}\n"
	"td.w{white-space:normal;min-width:24em;max-width:60em}\n"
	"code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,'DejaVu Sans Mono',monospace;"
	"background:#f2f3f5;padding:0 3px;border-radius:3px}\n"
	"pre{background:#f6f8fa;border:1px solid #ddd;padding:10px 12px;overflow:auto}\n"
	"pre code{background:none;padding:0}\n"
	"figure{margin:10px 0 26px}\n"
	"figure svg{display:block;max-width:100%;height:auto;border:1px solid #e2e2e2}\n"
	"figcaption{color:#555;margin-top:4px}\n";

/* The Markdown md writes as one string, lines split in place; caller frees
 * *buf and the returned array. */
static char **md_lines(const struct sb_results *r, sb_md_writer md, char **buf, size_t *nlines)
{
	size_t len = 0;
	FILE *m = open_memstream(buf, &len);
	if (!m)
		sb_die("cannot build a page: out of memory");
	md(m, r);
	if (fclose(m) != 0)
		sb_die("cannot build a page: out of memory");
	size_t n = 1;
	for (size_t i = 0; i < len; i++)
		n += (*buf)[i] == '\n';
	char **lines = sb_xcalloc(n, sizeof *lines);
	size_t k = 0;
	for (char *s = *buf, *nl; k < n; s = nl + 1) {
		lines[k++] = s;
		nl = strchr(s, '\n');
		if (!nl)
			break;
		*nl = '\0';
	}
	*nlines = k;
	return lines;
}

/* ---- inline Markdown ------------------------------------------------------- */

/* The pages a Markdown link may name, and the page each becomes: the
 * sibling pages of a run, never anything to fetch. */
static const char *const page_of[][2] = {
	{ "summary.md", "index.html" },
	{ "details.md", "details.html" },
};

/* "[text](target)" at s[0..n): its length, or 0 when s starts no link to a
 * page of page_of (written as text then). */
static size_t link_md(FILE *f, const char *s, size_t n)
{
	const char *mid = memchr(s, ']', n);
	if (!mid || mid + 1 >= s + n || mid[1] != '(')
		return 0;
	const char *end = memchr(mid, ')', (size_t)(s + n - mid));
	if (!end)
		return 0;
	for (size_t k = 0; k < sizeof page_of / sizeof page_of[0]; k++)
		if ((size_t)(end - mid - 2) == strlen(page_of[k][0]) &&
		    strncmp(mid + 2, page_of[k][0], (size_t)(end - mid - 2)) == 0) {
			fprintf(f, "<a href=\"%s\">", page_of[k][1]);
			sb_xml_escape(f, s + 1, (size_t)(mid - s - 1));
			fputs("</a>", f);
			return (size_t)(end - s + 1);
		}
	return 0;
}

/* s[0..n) with `code`, **bold** and links to our pages; an unclosed span is
 * closed at the end, so the page stays well formed whatever the text. */
static void inline_md(FILE *f, const char *s, size_t n)
{
	int code = 0, strong = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		int tick = i < n && s[i] == '`';
		int star = i + 1 < n && !code && s[i] == '*' && s[i + 1] == '*';
		int link = i < n && !code && s[i] == '[';
		if (i < n && !tick && !star && !link)
			continue;
		sb_xml_escape(f, s + start, i - start);
		if (link) {
			size_t len = link_md(f, s + i, n - i);
			if (!len)
				sb_xml_escape(f, s + i, 1);
			i += len ? len - 1 : 0;
		} else if (tick) {
			fputs(code ? "</code>" : "<code>", f);
			code = !code;
		} else if (star) {
			fputs(strong ? "</strong>" : "<strong>", f);
			strong = !strong;
			i++;
		}
		start = i + 1;
	}
	if (code)
		fputs("</code>", f);
	if (strong)
		fputs("</strong>", f);
}

static int is_block_start(const char *l)
{
	return l[0] == '#' || l[0] == '|' || strncmp(l, "- ", 2) == 0 || strncmp(l, "![", 2) == 0;
}

/* ---- tables ---------------------------------------------------------------- */

struct cell {
	const char *s;
	size_t n;
};

/* The cells of "| a | b |", trimmed; a '|' inside `code` does not split. */
static int split_cells(const char *line, struct cell *c, int max)
{
	const char *p = line + (line[0] == '|');
	const char *end = line + strlen(line);
	while (end > p && end[-1] == ' ')
		end--;
	if (end > p && end[-1] == '|')
		end--;
	int n = 0, code = 0;
	const char *start = p;
	for (const char *q = p; q <= end && n < max; q++) {
		if (q < end && *q == '`')
			code = !code;
		if (q < end && (*q != '|' || code))
			continue;
		const char *a = start, *b = q;
		while (a < b && *a == ' ')
			a++;
		while (b > a && b[-1] == ' ')
			b--;
		c[n++] = (struct cell){ a, (size_t)(b - a) };
		start = q + 1;
	}
	return n;
}

/* Alignment of each column from the row under the header: 'r', 'c' or 'l'. */
static void column_align(const char *line, char *align, int ncols)
{
	struct cell c[MAX_CELLS];
	int n = split_cells(line, c, MAX_CELLS);
	for (int i = 0; i < ncols; i++) {
		align[i] = 'l';
		if (i >= n || c[i].n == 0)
			continue;
		int left = c[i].s[0] == ':', right = c[i].s[c[i].n - 1] == ':';
		align[i] = left && right ? 'c' : right ? 'r' : 'l';
	}
}

static void table_row(FILE *f, const char *line, const char *align, int ncols, const char *tag)
{
	struct cell c[MAX_CELLS];
	int n = split_cells(line, c, MAX_CELLS);
	fputs("<tr>", f);
	for (int i = 0; i < ncols; i++) {
		int wrap = i < n && c[i].n > WRAP_CHARS && tag[1] == 'd';
		const char *cls = align[i] == 'r' ? "r" : align[i] == 'c' ? "c" : wrap ? "w" : NULL;
		fprintf(f, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
		if (i < n)
			inline_md(f, c[i].s, c[i].n);
		fprintf(f, "</%s>", tag);
	}
	fputs("</tr>\n", f);
}

static int header_is_empty(const char *line)
{
	struct cell c[MAX_CELLS];
	int n = split_cells(line, c, MAX_CELLS);
	for (int i = 0; i < n; i++)
		if (c[i].n)
			return 0;
	return 1;
}

/* A pipe table starting at lines[i]; returns the first line after it.  The
 * header row is sticky (CSS) in a box that scrolls, so long tables keep
 * their column names in view. */
static size_t emit_table(FILE *f, char **lines, size_t n, size_t i)
{
	struct cell c[MAX_CELLS];
	int ncols = split_cells(lines[i], c, MAX_CELLS);
	char align[MAX_CELLS];
	size_t body = i + 1;
	if (body < n && lines[body][0] == '|' && strspn(lines[body], "|-: ") == strlen(lines[body])) {
		column_align(lines[body], align, ncols);
		body++;
	} else {
		memset(align, 'l', sizeof align);
	}
	fputs("<div class=\"tw\"><table>\n", f);
	if (!header_is_empty(lines[i])) {
		fputs("<thead>", f);
		table_row(f, lines[i], align, ncols, "th");
		fputs("</thead>\n", f);
	}
	fputs("<tbody>\n", f);
	for (; body < n && lines[body][0] == '|'; body++)
		table_row(f, lines[body], align, ncols, "td");
	fputs("</tbody></table></div>\n", f);
	return body;
}

/* ---- other blocks ---------------------------------------------------------- */

static size_t emit_list(FILE *f, char **lines, size_t n, size_t i)
{
	fputs("<ul>\n", f);
	for (; i < n && strncmp(lines[i], "- ", 2) == 0; i++) {
		fputs("<li>", f);
		inline_md(f, lines[i] + 2, strlen(lines[i] + 2));
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
	return i;
}

static size_t emit_paragraph(FILE *f, char **lines, size_t n, size_t i)
{
	fputs("<p>", f);
	for (size_t first = i; i < n && lines[i][0] && (i == first || !is_block_start(lines[i])); i++) {
		if (i > first)
			fputc(' ', f);
		inline_md(f, lines[i], strlen(lines[i]));
	}
	fputs("</p>\n", f);
	return i;
}

/* "![alt](file)": our plots become the SVG itself; anything else its alt
 * text, since the page must fetch nothing. */
static void emit_image(FILE *f, const struct sb_results *r, const char *line)
{
	const char *mid = strstr(line, "](");
	size_t len = strlen(line);
	if (!mid || line[len - 1] != ')') {
		inline_md(f, line, len);
		return;
	}
	char target[256];
	snprintf(target, sizeof target, "%.*s", (int)(line + len - 1 - (mid + 2)), mid + 2);
	fputs("<figure>\n", f);
	for (int i = 0; i < SB_FN_COUNT; i++) {
		enum sb_func fn = (enum sb_func)i;
		if (strcmp(target, sb_plot_errors_file(SB_PLOT_ULP, fn)) == 0)
			sb_plot_errors_svg(f, r, SB_PLOT_ULP, fn);
		if (strcmp(target, sb_plot_errors_file(SB_PLOT_ABS, fn)) == 0)
			sb_plot_errors_svg(f, r, SB_PLOT_ABS, fn);
		if (strcmp(target, sb_plot_pareto_file(fn)) == 0)
			sb_plot_pareto_svg(f, r, fn);
	}
	fputs("<figcaption>", f);
	inline_md(f, line + 2, (size_t)(mid - (line + 2)));
	fputs(" (", f);
	sb_xml_escape(f, target, strlen(target));
	fputs(" next to this page)</figcaption>\n</figure>\n", f);
}

static int heading_level(const char *l)
{
	int k = 0;
	while (l[k] == '#')
		k++;
	return l[k] == ' ' ? k : 0;
}

static void heading(FILE *f, int level, const char *id, const char *text)
{
	fprintf(f, "<h%d id=\"%s\">", level, id);
	inline_md(f, text, strlen(text));
	fprintf(f, "</h%d>\n", level);
}

/* ---- the page -------------------------------------------------------------- */

/* title: the Markdown's "# " heading */
static void write_head(FILE *f, const struct sb_results *r, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
	      f);
	sb_xml_printf(f, "%s: %s, %s", title, r->ctx.cpu, r->ctx.date);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n<h1>", css);
	sb_xml_escape(f, title, strlen(title));
	fputs("</h1>\n<p class=\"lead\">", f);
	sb_xml_printf(f, "Logistic sigmoid variants against an MPFR reference, measured on %s "
			 "(%d cores) at commit %s, %s.", r->ctx.cpu, r->ctx.cores, r->ctx.commit,
		      r->ctx.date);
	fputs("</p>\n", f);
}

static int is_machine_heading(const char *l)
{
	return heading_level(l) == 2 && strcmp(l + 3, SB_MACHINE_HEADING) == 0;
}

static const char reproduce_link[] = "<li><a href=\"#reproduce\">Reproduce</a></li>\n";

/* Links to the Markdown's "##" headings (their ids are numbered in the same
 * order as emit_body gives them), "Reproduce" after the machine's. */
static void write_toc(FILE *f, char **lines, size_t n)
{
	fputs("<nav><ul>\n", f);
	int k = 0, reproduce = 0;
	for (size_t i = 0; i < n; i++) {
		int level = heading_level(lines[i]);
		if (level < 2)
			continue;
		k++;
		if (level != 2)
			continue;
		const char *t = lines[i] + 3;
		size_t len = strcspn(t, "(");  /* "Accuracy, float32 (sweep ...)": the short part */
		while (len > 0 && t[len - 1] == ' ')
			len--;
		fprintf(f, "<li><a href=\"#sec-%d\">", k);
		inline_md(f, t, len ? len : strlen(t));
		fputs("</a></li>\n", f);
		if (is_machine_heading(lines[i]) && !reproduce++)
			fputs(reproduce_link, f);
	}
	if (!reproduce)
		fputs(reproduce_link, f);
	fputs("</ul></nav>\n", f);
}

static void write_reproduce(FILE *f, const struct sb_results *r)
{
	fputs("<h2 id=\"reproduce\">Reproduce</h2>\n<p>From a clean clone, on Debian 12 "
	      "(README, \"Two commands\"):</p>\n<pre><code>"
	      "bash ci/run-default.sh   # install what is missing, build, run the default job, "
	      "write results/\nbash ci/test.sh          # build (-Werror), run the test suite, "
	      "then again under ASan + UBSan</code></pre>\n<p>This page was made at commit <code>", f);
	sb_xml_escape(f, r->ctx.commit, strlen(r->ctx.commit));
	fputs("</code> by:</p>\n<pre><code>", f);
	sb_xml_escape(f, r->command, strlen(r->command));
	fputs("</code></pre>\n", f);
}

/* The Markdown's blocks, in order; its title is the page's <h1> already;
 * "Reproduce" follows the machine's section (or ends the page). */
static void emit_body(FILE *f, const struct sb_results *r, char **lines, size_t n)
{
	int sections = 0, reproduced = 0, in_machine = 0;
	for (size_t i = 0; i < n;) {
		const char *l = lines[i];
		int level = heading_level(l);
		if (!l[0]) {
			i++;
		} else if (level == 1) {
			i++;
		} else if (level) {
			if (level == 2 && in_machine && !reproduced++)
				write_reproduce(f, r);
			in_machine = level == 2 ? is_machine_heading(l) : in_machine;
			char id[32];
			snprintf(id, sizeof id, "sec-%d", ++sections);
			heading(f, level > 6 ? 6 : level, id, l + level + 1);
			i++;
		} else if (l[0] == '|') {
			i = emit_table(f, lines, n, i);
		} else if (strncmp(l, "- ", 2) == 0) {
			i = emit_list(f, lines, n, i);
		} else if (strncmp(l, "![", 2) == 0) {
			emit_image(f, r, l);
			i++;
		} else {
			i = emit_paragraph(f, lines, n, i);
		}
	}
	if (!reproduced)
		write_reproduce(f, r);
}

void sb_write_html(FILE *f, const struct sb_results *r, sb_md_writer md_writer)
{
	char *md = NULL;
	size_t n;
	char **lines = md_lines(r, md_writer, &md, &n);
	const char *title = "sigbench results";
	for (size_t i = 0; i < n; i++)
		if (heading_level(lines[i]) == 1) {
			title = lines[i] + 2;
			break;
		}
	write_head(f, r, title);
	write_toc(f, lines, n);
	emit_body(f, r, lines, n);
	fputs("</main>\n</body>\n</html>\n", f);
	free(lines);
	free(md);
}
