/* SVG plots of one run (plot.h).  Coordinates are written rounded to the
 * half pixel and paths only where a value changes, which keeps each file
 * well under 300 KB with a dozen panels of a thousand pixel columns. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/format.h"
#include "engine/fn_edges.h"
#include "engine/intervals.h"
#include "report/plot.h"
#include "base/util.h"
#include "files/table.h"

/* ---- text ---------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s that XML 1.0 and HTML both accept
 * as a character (no C1 controls, surrogates, overlongs or U+FFFE/FFFF),
 * or 0. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
	if (c < 0xC2 || c > 0xF4 || n < len)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xC2 && s[1] < 0xA0) || (c == 0xE0 && s[1] < 0xA0) ||
	    (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
	    (c == 0xF4 && s[1] > 0x8F) || (c == 0xEF && s[1] == 0xBF && s[2] >= 0xBE))
		return 0;
	return len;
}

void sb_xml_escape(FILE *f, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n && u[i]; i++) {
		unsigned char c = u[i];
		if (c >= 0x80) {
			size_t len = utf8_char(u + i, n - i);
			if (len == 0) {
				fputc('?', f);
				continue;
			}
			fwrite(u + i, 1, len, f);
			i += len - 1;
		} else if (c == '&') {
			fputs("&amp;", f);
		} else if (c == '<') {
			fputs("&lt;", f);
		} else if (c == '>') {
			fputs("&gt;", f);
		} else if (c == '"') {
			fputs("&quot;", f);
		} else if (c == '\'') {
			fputs("&#39;", f);
		} else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
			fputc('?', f);
		} else {
			fputc(c, f);
		}
	}
}

void sb_xml_printf(FILE *f, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	sb_xml_escape(f, buf, strlen(buf));
}

/* ---- shared pieces ------------------------------------------------------- */

#define FONT "font-family=\"DejaVu Sans,Helvetica,Arial,sans-serif\""
#define COLOR_OURS "#1f5fa8"
#define COLOR_PEER "#c0392b"
#define COLOR_NAN "#d40000"
#define COLOR_CLIP "#f08c00"

static void svg_open(FILE *f, int w, int h, const char *title)
{
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		   "viewBox=\"0 0 %d %d\" " FONT " font-size=\"11\" role=\"img\">\n<title>", w, h, w, h);
	sb_xml_printf(f, "%s", title);
	fprintf(f, "</title>\n<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", w, h);
}

/* <text> at (x, y); anchor start/middle/end; extra attributes verbatim. */
static void text_at(FILE *f, double x, double y, const char *anchor, const char *attrs,
		    const char *s)
{
	fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s%s>", x, y, anchor,
		*attrs ? " " : "", attrs);
	sb_xml_escape(f, s, strlen(s));
	fputs("</text>\n", f);
}

/* A variant's name as panels and labels show it: peers say whose they are. */
static void variant_label(char *buf, size_t size, const struct sb_variant *v)
{
	if (v->peer)
		snprintf(buf, size, "%s (peer: %s)", v->name, v->peer);
	else
		snprintf(buf, size, "%s", v->name);
}

/* A power of ten for an axis: plain where short, 1eK otherwise. */
static void fmt_pow10(char *buf, size_t size, int k)
{
	if (k >= -3 && k <= 3)
		snprintf(buf, size, "%g", pow(10, k));
	else
		snprintf(buf, size, "1e%d", k);
}

/* %.2f without trailing zeros: -103.97, -2, 17.33; 0 for what prints as
 * -0.00 (sigma''s edge just below 0). */
static void fmt_short(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%.2f", fabs(v) < 0.005 ? 0.0 : v);
	char *dot = strchr(buf, '.');
	if (!dot)
		return;
	char *end = buf + strlen(buf) - 1;
	while (end > dot && *end == '0')
		*end-- = '\0';
	if (end == dot)
		*end = '\0';
}

static int exhaustive_f32(const struct sb_results *r)
{
	return r->nacc[SB_F32] && strncmp(r->acc[SB_F32][0].sweep, "exhaustive: all", 15) == 0;
}

/* ---- error versus x: layout ---------------------------------------------- */

#define EW 1100   /* SVG width */
#define EML 72    /* left margin: y labels */
#define EPW 1000  /* plot width in pixels = pixel columns */
#define EHEAD 118 /* title, legend, interval names */
#define EPT 20    /* panel title strip */
#define EPH 120   /* panel plot height */
#define EGAP 8
#define EFOOT 46

struct metric {
	const char *title;   /* of the figure */
	const char *what;    /* the y quantity, for the legend */
	const char *unit;    /* appended to numbers */
	int lo_exp, hi_exp;  /* y axis: 10^lo_exp .. 10^hi_exp */
	int tick_step;       /* decades between labelled grid lines */
	double fill_opacity; /* under the curve: spikes show, areas do not shout */
};

/* ULP: up to 1e12, which holds everything but garbage (returning 0 for a
 * tiny sigma costs at most 2^24 ULP) at ~8 px a decade, so 0.5 and 4 ULP
 * still look different; garbage (up to 2^149 and beyond) is clipped and
 * marked, and each panel's title gives its true maximum.  Absolute: down to
 * sigma(-110) ~ 2e-48, what returning 0 costs at the left edge. */
static const struct metric metrics[2] = {
	[SB_PLOT_ULP] = { "ULP error versus x, float32", "ULP error", " ULP", -2, 12, 2, 0.28 },
	[SB_PLOT_ABS] = { "Absolute error versus x, float32", "absolute error", "", -50, 1, 10, 0.16 },
};

static const double *bins_of(const struct sb_accuracy *a, enum sb_plot_metric m)
{
	return m == SB_PLOT_ULP ? a->bin_ulp : a->bin_abs;
}

static int has_bins(const struct sb_accuracy *a)
{
	return a->nbins > 0 && a->bin_ulp && a->bin_abs && a->bin_hi > a->bin_lo;
}

/* A panel of fn's figure: a variant of fn with bins. */
static int plotted(const struct sb_accuracy *a, enum sb_func fn)
{
	return has_bins(a) && a->v->function == fn;
}

const char *sb_plot_errors_file(enum sb_plot_metric m, enum sb_func fn)
{
	static const char *const files[2][SB_FN_COUNT] = {
		[SB_PLOT_ULP] = { SB_PLOT_ULP_FILE, "ulp_vs_x-dsigmoid.svg", "ulp_vs_x-d2sigmoid.svg",
				  "ulp_vs_x-logsigmoid.svg", "ulp_vs_x-silu.svg", "ulp_vs_x-dsilu.svg" },
		[SB_PLOT_ABS] = { SB_PLOT_ABS_FILE, "abs_vs_x-dsigmoid.svg", "abs_vs_x-d2sigmoid.svg",
				  "abs_vs_x-logsigmoid.svg", "abs_vs_x-silu.svg", "abs_vs_x-dsilu.svg" },
	};
	return files[m][fn];
}

/* A run read back has no bins: its error plots are the files it wrote. */
static char *plot_file(const struct sb_results *r, enum sb_plot_metric m, enum sb_func fn)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", r->plot_dir, sb_plot_errors_file(m, fn));
	return sb_read_text(path, NULL);
}

int sb_plot_have_errors(const struct sb_results *r, enum sb_func fn)
{
	if (r->plot_dir) {
		char *ulp = plot_file(r, SB_PLOT_ULP, fn), *abs = plot_file(r, SB_PLOT_ABS, fn);
		int both = ulp && abs;
		free(ulp);
		free(abs);
		return both;
	}
	for (size_t i = 0; i < r->nacc[SB_F32]; i++)
		if (plotted(&r->acc[SB_F32][i], fn))
			return 1;
	return 0;
}

/* The x axis every panel shares, and the function whose edges it marks. */
struct xaxis {
	double lo, hi;
	enum sb_func fn;
};

static double px_of(const struct xaxis *ax, double x)
{
	return EML + (x - ax->lo) / (ax->hi - ax->lo) * EPW;
}

/* y of an error in a panel whose plot area starts at top, to the half
 * pixel; 0 and below sit on the floor, above the range (or +Inf) at the top. */
static double py_of(const struct metric *m, double top, double v)
{
	double t = v > 0 ? (m->hi_exp - log10(v)) / (m->hi_exp - m->lo_exp) : 1;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return round((top + t * EPH) * 2) / 2;
}

/* Largest error per pixel column: every bin counts in each column its span
 * overlaps, so a one-bin spike survives however bins fall on pixels.
 * -1: no input swept in any of the column's bins; +Inf: a NaN output. */
static void column_max(const struct sb_accuracy *a, enum sb_plot_metric m,
		       const struct xaxis *ax, double col[EPW])
{
	const double *b = bins_of(a, m);
	double w = (a->bin_hi - a->bin_lo) / a->nbins;
	for (int c = 0; c < EPW; c++)
		col[c] = -1;
	for (int k = 0; k < a->nbins; k++) {
		if (!(b[k] >= 0))
			continue;
		double fa = px_of(ax, a->bin_lo + k * w) - EML;
		double fb = px_of(ax, a->bin_lo + (k + 1) * w) - EML;
		int c0 = (int)floor(fa), c1 = (int)ceil(fb - 1e-9) - 1;
		c0 = c0 < 0 ? 0 : c0;
		c1 = c1 >= EPW ? EPW - 1 : c1 < c0 ? c0 : c1;
		for (int c = c0; c <= c1 && c < EPW; c++)
			col[c] = b[k] > col[c] ? b[k] : col[c];
	}
}

/* ---- error versus x: drawing --------------------------------------------- */

/* One variant's columns as filled steps: one closed path per run of
 * columns with data (gaps are where nothing was swept), a corner only
 * where the height changes. */
static void draw_series(FILE *f, const struct metric *m, const double col[EPW], double top,
			int peer)
{
	double base = top + EPH;
	fprintf(f, "<path fill=\"%s\" fill-opacity=\"%g\" stroke=\"%s\" stroke-width=\"1\"%s "
		   "d=\"", peer ? COLOR_PEER : COLOR_OURS, m->fill_opacity,
		peer ? COLOR_PEER : COLOR_OURS, peer ? " stroke-dasharray=\"4 2\"" : "");
	double cur = 0;
	for (int c = 0; c <= EPW; c++) {
		int have = c < EPW && col[c] >= 0, had = c > 0 && col[c - 1] >= 0;
		if (!have) {
			if (had)
				fprintf(f, "H%dV%gZ", EML + c, base);
			continue;
		}
		double y = py_of(m, top, col[c]);
		if (!had)
			fprintf(f, "M%d %gV%g", EML + c, base, y);
		else if (y != cur)
			fprintf(f, "H%dV%g", EML + c, y);
		cur = y;
	}
	fputs("\"/>\n", f);
}

/* Marks on the top edge where the error leaves the axis: red for NaN
 * outputs, orange for finite errors above the range; at least 3 px wide so
 * a single column shows. */
static void draw_clip_marks(FILE *f, const struct metric *m, const double col[EPW], double top)
{
	double cap = pow(10, m->hi_exp);
	for (int c = 0; c < EPW;) {
		int kind = isinf(col[c]) ? 2 : col[c] > cap ? 1 : 0;
		int e = c + 1;
		while (e < EPW && (isinf(col[e]) ? 2 : col[e] > cap ? 1 : 0) == kind)
			e++;
		if (kind)
			fprintf(f, "<rect x=\"%d\" y=\"%g\" width=\"%d\" height=\"5\" fill=\"%s\"/>\n",
				EML + c - 1, top, e - c + 2, kind == 2 ? COLOR_NAN : COLOR_CLIP);
		c = e;
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The edges inside the axis, in increasing order: sigma's interval edges,
 * or another function's (sigbench breakpoints --function). */
static int breakpoints_in(const struct xaxis *ax, double out[SB_FN_EDGES_MAX])
{
	double all[SB_FN_EDGES_MAX];
	size_t na;
	if (ax->fn == SB_FN_SIGMOID) {
		const struct sb_breakpoints *bp = sb_breakpoints(SB_FMT_F32);
		const double s[5] = { bp->zero_hi, bp->sub_hi, -SB_CENTRAL_EDGE, SB_CENTRAL_EDGE,
				      bp->one_lo };
		memcpy(all, s, sizeof s);
		na = 5;
	} else {
		struct sb_fn_edge e[SB_FN_EDGES_MAX];
		na = sb_fn_edges(ax->fn, SB_FMT_F32, e);
		for (size_t i = 0; i < na; i++)
			all[i] = e[i].x;
		qsort(all, na, sizeof *all, cmp_double);
	}
	int n = 0;
	for (size_t i = 0; i < na; i++)
		if (all[i] > ax->lo && all[i] < ax->hi)
			out[n++] = all[i];
	return n;
}

/* Frame, decade grid with labels, interval edges and x ticks of one panel. */
static void draw_panel_frame(FILE *f, const struct metric *m, const struct xaxis *ax,
			     double top, int ulp)
{
	fprintf(f, "<rect x=\"%d\" y=\"%g\" width=\"%d\" height=\"%d\" fill=\"#fbfbfb\" "
		   "stroke=\"#b8b8b8\"/>\n", EML, top, EPW, EPH);
	for (int k = m->lo_exp; k <= m->hi_exp; k++) {
		if (k % m->tick_step != 0)
			continue;
		double y = py_of(m, top, pow(10, k));
		int unit = ulp && k == 0; /* 1 ULP: where "faithful" ends */
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%g\" y2=\"%g\" stroke=\"%s\"%s/>\n", EML,
			EML + EPW, y, y, unit ? "#8a8a8a" : "#e2e2e2",
			unit ? " stroke-dasharray=\"2 2\"" : "");
		char lab[32];
		fmt_pow10(lab, sizeof lab, k);
		text_at(f, EML - 5, y + 3.5, "end", "font-size=\"9.5\" fill=\"#555\"", lab);
	}
	double bx[SB_FN_EDGES_MAX];
	int nb = breakpoints_in(ax, bx);
	for (int i = 0; i < nb; i++)
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%g\" y2=\"%g\" stroke=\"#9a9a9a\" "
			   "stroke-opacity=\"0.6\" stroke-dasharray=\"3 3\"/>\n",
			px_of(ax, bx[i]), px_of(ax, bx[i]), top, top + EPH);
	for (double x = ceil(ax->lo / 10) * 10; x <= ax->hi; x += 10)
		fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%g\" y2=\"%g\" stroke=\"#888\"/>\n",
			px_of(ax, x), px_of(ax, x), top + EPH, top + EPH + 3);
}

/* The title strip: name on the left, the variant's overall worst on the right. */
static void draw_panel_title(FILE *f, const struct sb_accuracy *a, enum sb_plot_metric m,
			     double top)
{
	char name[160], worst[200];
	variant_label(name, sizeof name, a->v);
	text_at(f, EML, top - 6, "start",
		a->v->peer ? "font-weight=\"bold\" fill=\"" COLOR_PEER "\"" : "font-weight=\"bold\"",
		name);
	const struct sb_worst *w = m == SB_PLOT_ULP ? &a->all.ulp : &a->all.abs;
	if (w->err < 0)
		return;
	if (m == SB_PLOT_ULP)
		snprintf(worst, sizeof worst, "max %s ULP at x = %s", sb_fmt_ulp(w->err).s,
			 sb_fmt_hex(w->x, SB_F32).s);
	else
		snprintf(worst, sizeof worst, "max %.3g at x = %s", w->err, sb_fmt_hex(w->x, SB_F32).s);
	if (a->all.nan_out)
		snprintf(worst + strlen(worst), sizeof worst - strlen(worst), "; %llu NaN outputs",
			 (unsigned long long)a->all.nan_out);
	text_at(f, EML + EPW, top - 6, "end", "fill=\"#444\"", worst);
}

static void draw_panel(FILE *f, const struct sb_accuracy *a, enum sb_plot_metric m,
		       const struct xaxis *ax, double top)
{
	double col[EPW];
	column_max(a, m, ax, col);
	fprintf(f, "<g>\n");
	draw_panel_frame(f, &metrics[m], ax, top, m == SB_PLOT_ULP);
	draw_series(f, &metrics[m], col, top, a->v->peer != NULL);
	draw_clip_marks(f, &metrics[m], col, top);
	draw_panel_title(f, a, m, top);
	fprintf(f, "</g>\n");
}

/* sigma's interval names centred over their spans, on two rows where
 * neighbours would collide (central is narrow). */
static void draw_interval_names(FILE *f, const struct xaxis *ax, double y)
{
	const struct sb_breakpoints *bp = sb_breakpoints(SB_FMT_F32);
	double right_end[2] = { -1e9, -1e9 };
	for (int iv = 0; iv < SB_IV_COUNT; iv++) {
		if (iv == SB_IV_TINY)
			continue; /* [-6e-8, 1.2e-7]: not a pixel wide at this scale */
		double lo = fmax(sb_interval_lo(bp, iv), ax->lo);
		double hi = fmin(sb_interval_hi(bp, iv), ax->hi);
		if (!(hi > lo))
			continue;
		const char *name = sb_interval_name(iv);
		double cx = (px_of(ax, lo) + px_of(ax, hi)) / 2, half = 3.1 * (double)strlen(name);
		int row = cx - half > right_end[0] + 4 ? 0 : 1;
		right_end[row] = cx + half;
		text_at(f, cx, y - 12 * row, "middle", "fill=\"#333\"", name);
	}
}

/* The edges' x values under the header; an edge too close to the last
 * labelled one (sigma''s pair around 0) keeps its line but not a label. */
static void draw_edge_values(FILE *f, const struct xaxis *ax, double y)
{
	double bx[SB_FN_EDGES_MAX], last = -1e9;
	int nb = breakpoints_in(ax, bx);
	for (int i = 0; i < nb; i++) {
		double px = px_of(ax, bx[i]);
		if (px - last < 36)
			continue;
		char lab[32];
		fmt_short(lab, sizeof lab, bx[i]);
		text_at(f, px, y + 13, "middle", "font-size=\"9\" fill=\"#777\"", lab);
		last = px;
	}
}

/* "ULP error versus x, float32", the function named if not sigma. */
static void errors_title(char *buf, size_t size, enum sb_plot_metric m, enum sb_func fn)
{
	if (fn == SB_FN_SIGMOID)
		snprintf(buf, size, "%s", metrics[m].title);
	else
		snprintf(buf, size, "%s, %s", metrics[m].title, sb_func_name(fn));
}

static void draw_error_header(FILE *f, const struct sb_accuracy *a, enum sb_plot_metric m,
			      const struct xaxis *ax)
{
	const struct metric *mt = &metrics[m];
	char cap[32], title[96];
	fmt_pow10(cap, sizeof cap, mt->hi_exp);
	errors_title(title, sizeof title, m, ax->fn);
	text_at(f, EML, 22, "start", "font-size=\"17\" font-weight=\"bold\"", title);
	fprintf(f, "<text x=\"%d\" y=\"41\" fill=\"#333\">", EML);
	sb_xml_printf(f, "Largest %s in each of %d bins of x over [%g, %g), merged per pixel "
			 "column by max, so no spike is lost. Log scale; all panels share the axes.",
		      mt->what, a->nbins, a->bin_lo, a->bin_hi);
	fprintf(f, "</text>\n<text x=\"%d\" y=\"56\" fill=\"#333\">", EML);
	if (ax->fn == SB_FN_SIGMOID)
		sb_xml_printf(f, "Inputs: %s. Gaps: no input swept there. Dashed verticals: the "
				 "interval edges (sigbench breakpoints).", a->sweep);
	else
		sb_xml_printf(f, "Inputs: %s. Gaps: no input swept there. Dashed verticals: the "
				 "edges of %s (sigbench breakpoints --function %s).", a->sweep,
			      sb_func_name(ax->fn), sb_func_name(ax->fn));
	fprintf(f, "</text>\n<text x=\"%d\" y=\"71\" fill=\"#333\">", EML);
	fprintf(f, "<tspan fill=\"%s\" font-weight=\"bold\">Blue: ours</tspan>; "
		   "<tspan fill=\"%s\" font-weight=\"bold\">red, dashed: peers</tspan>. "
		   "Marks on a panel's top edge: <tspan fill=\"%s\" font-weight=\"bold\">NaN "
		   "output</tspan>; <tspan fill=\"%s\" font-weight=\"bold\">error above %s%s, "
		   "clipped</tspan>.", COLOR_OURS, COLOR_PEER, COLOR_NAN, COLOR_CLIP, cap, mt->unit);
	fprintf(f, "</text>\n");
	if (ax->fn == SB_FN_SIGMOID)
		draw_interval_names(f, ax, EHEAD - 20);
	draw_edge_values(f, ax, EHEAD - 20);
}

static void draw_x_labels(FILE *f, const struct xaxis *ax, double y)
{
	for (double x = ceil(ax->lo / 10) * 10; x <= ax->hi; x += 10) {
		char lab[32];
		snprintf(lab, sizeof lab, "%g", x);
		text_at(f, px_of(ax, x), y, "middle", "fill=\"#444\"", lab);
	}
	text_at(f, EML + EPW / 2.0, y + 18, "middle", "font-size=\"12\"", "x");
}

void sb_plot_errors_svg(FILE *f, const struct sb_results *r, enum sb_plot_metric m,
			enum sb_func fn)
{
	if (r->plot_dir) {
		char *svg = plot_file(r, m, fn);
		fputs(svg ? svg : "", f);
		free(svg);
		return;
	}
	const struct sb_accuracy *first = NULL;
	int n = 0;
	for (size_t i = 0; i < r->nacc[SB_F32]; i++)
		if (plotted(&r->acc[SB_F32][i], fn)) {
			first = first ? first : &r->acc[SB_F32][i];
			n++;
		}
	if (!first)
		return;
	struct xaxis ax = { first->bin_lo, first->bin_hi, fn };
	int pitch = EPT + EPH + EGAP;
	char title[96];
	errors_title(title, sizeof title, m, fn);
	svg_open(f, EW, EHEAD + n * pitch + EFOOT, title);
	draw_error_header(f, first, m, &ax);
	double top = EHEAD + EPT;
	for (size_t i = 0; i < r->nacc[SB_F32]; i++) {
		if (!plotted(&r->acc[SB_F32][i], fn))
			continue;
		draw_panel(f, &r->acc[SB_F32][i], m, &ax, top);
		top += pitch;
	}
	draw_x_labels(f, &ax, top - EPT - EGAP + 16);
	fputs("</svg>\n", f);
}

/* ---- Pareto: layout -------------------------------------------------------- */

#define PWIDTH 1100 /* SVG width */
#define PHEIGHT 740 /* SVG height */
#define PL 84      /* plot area */
#define PR 1070
#define PT 126
#define PB 664
#define PNAN 88    /* y of the row for variants with NaN outputs ... */
#define PHUGE 106  /* ... and for errors above PCLIP */
#define PCLIP 1e9  /* above: garbage, whatever the exponent; the scale keeps the rest legible */
#define LFS 10.5   /* label font size */

struct ppoint {
	const struct sb_accuracy *a;
	double t, e;   /* ns/element, max ULP */
	double x, y;   /* pixels */
	int front;
	int row;       /* 0: on the scale; 1: above PCLIP; 2: NaN outputs */
};

/* A log axis from 10^l0 to 10^l1 onto pixels p0 .. p1. */
struct logaxis {
	double l0, l1, p0, p1;
};

static double log_px(const struct logaxis *ax, double v)
{
	return ax->p0 + (log10(v) - ax->l0) / (ax->l1 - ax->l0) * (ax->p1 - ax->p0);
}

/* The largest of 1, 2, 5 x 10^k at most v (up = 0) or the smallest at
 * least v (up = 1): axis ends that hug the data. */
static double nice_125(double v, int up)
{
	static const double steps[] = { 1, 2, 5, 10 };
	double d = pow(10, floor(log10(v))), best = up ? 10 * d : d;
	for (int i = 0; i < 4; i++) {
		double c = d * steps[i];
		if (up && c >= v * (1 - 1e-12) && c < best)
			best = c;
		if (!up && c <= v * (1 + 1e-12))
			best = c;
	}
	return best;
}

static const struct sb_speed_result *speed_at0(const struct sb_results *r, const struct sb_variant *v)
{
	if (!r->have_speed || r->speed_opts.nsizes < 1)
		return NULL;
	for (size_t i = 0; i < r->nspeed; i++)
		if (r->speed[i].v == v)
			return &r->speed[i]; /* size-major: the first nspeed are the first size */
	return NULL;
}

/* The f32 variants of fn with both results; *np of them, caller frees
 * (one front per function: a SiLU kernel is no rival of a sigma one). */
static struct ppoint *pareto_points(const struct sb_results *r, enum sb_func fn, size_t *np)
{
	struct ppoint *p = sb_xcalloc(r->nacc[SB_F32] + 1, sizeof *p);
	size_t n = 0;
	for (size_t i = 0; i < r->nacc[SB_F32]; i++) {
		const struct sb_accuracy *a = &r->acc[SB_F32][i];
		const struct sb_speed_result *s = speed_at0(r, a->v);
		if (a->v->function != fn || !s || !(s->median_ns > 0) || a->all.n == 0)
			continue;
		p[n].a = a;
		p[n].t = s->median_ns;
		p[n].e = a->all.ulp.err;
		p[n].row = a->all.nan_out ? 2 : p[n].e <= PCLIP ? 0 : 1;
		n++;
	}
	*np = n;
	return p;
}

int sb_plot_have_pareto(const struct sb_results *r, enum sb_func fn)
{
	size_t n;
	free(pareto_points(r, fn, &n));
	return n > 0;
}

const char *sb_plot_pareto_file(enum sb_func fn)
{
	static const char *const files[SB_FN_COUNT] = {
		[SB_FN_SIGMOID] = SB_PLOT_PARETO_FILE,
		[SB_FN_DSIGMOID] = "pareto-dsigmoid.svg",
		[SB_FN_D2SIGMOID] = "pareto-d2sigmoid.svg",
		[SB_FN_LOGSIGMOID] = "pareto-logsigmoid.svg",
		[SB_FN_SILU] = "pareto-silu.svg",
		[SB_FN_DSILU] = "pareto-dsilu.svg",
	};
	return files[fn];
}

static int by_time(const void *a, const void *b)
{
	const struct ppoint *p = a, *q = b;
	if (p->t != q->t)
		return p->t < q->t ? -1 : 1;
	return p->e < q->e ? -1 : p->e > q->e; /* the more accurate first among equals */
}

/* Sorted by time, a point is on the front when it is more accurate than
 * every faster one: the fastest variant for its accuracy or better. */
static void mark_front(struct ppoint *p, size_t n)
{
	double best = INFINITY;
	for (size_t i = 0; i < n; i++) {
		double e = p[i].row == 2 ? INFINITY : p[i].e;
		if (i == 0 || e < best) {
			p[i].front = 1;
			best = e;
		}
	}
}

/* ---- Pareto: labels ------------------------------------------------------ */

struct box {
	double x0, y0, x1, y1;
};

static double overlap(struct box a, struct box b)
{
	double w = fmin(a.x1, b.x1) - fmax(a.x0, b.x0), h = fmin(a.y1, b.y1) - fmax(a.y0, b.y0);
	return w > 0 && h > 0 ? w * h : 0;
}

/* Where a label goes: the first of a few spots around its point that
 * covers no placed label and no point and stays on the canvas, else the
 * least bad one.  Widths are estimated (0.56 em per character). */
static struct box place_label(const struct ppoint *pt, size_t len, const struct ppoint *all,
			      size_t n, const struct box *placed, size_t nplaced, int *anchor_end)
{
	static const double spots[][3] = { /* dx, dy (baseline), anchor at the end? */
		{ 8, 4, 0 }, { -8, 4, 1 }, { 7, -8, 0 }, { 7, 16, 0 }, { -7, -8, 1 },
		{ -7, 16, 1 }, { 9, -20, 0 }, { 9, 28, 0 }, { -9, -20, 1 }, { -9, 28, 1 },
		{ 12, -32, 0 }, { 12, 40, 0 }, { -12, -32, 1 }, { -12, 40, 1 },
	};
	double w = 0.56 * LFS * (double)len, best = INFINITY;
	struct box bestb = { 0, 0, 0, 0 };
	for (size_t s = 0; s < sizeof spots / sizeof spots[0]; s++) {
		double x = pt->x + spots[s][0], y = pt->y + spots[s][1];
		struct box b = { spots[s][2] ? x - w : x, y - LFS * 0.8, spots[s][2] ? x : x + w,
				 y + LFS * 0.25 };
		double bad = 0;
		if (b.x0 < 2 || b.x1 > PWIDTH - 2 || b.y0 < PNAN - 12 || b.y1 > PB)
			bad += 1e6;
		for (size_t i = 0; i < nplaced; i++)
			bad += 4 * overlap(b, placed[i]);
		for (size_t i = 0; i < n; i++) {
			struct box pb = { all[i].x - 5, all[i].y - 5, all[i].x + 5, all[i].y + 5 };
			bad += overlap(b, pb);
		}
		bad += s; /* among equals, the nearest spot */
		if (bad < best) {
			best = bad;
			bestb = b;
			*anchor_end = spots[s][2] != 0;
		}
		if (bad <= s)
			break;
	}
	return bestb;
}

/* Front points and peers get a label (the name without "f32-"); every
 * point has a tooltip (<title>) with its name and numbers. */
static void draw_labels(FILE *f, const struct ppoint *p, size_t n)
{
	struct box *placed = sb_xcalloc(n + 1, sizeof *placed);
	size_t np = 0;
	for (int pass = 0; pass < 2; pass++) /* the front first: it matters most */
		for (size_t i = 0; i < n; i++) {
			if (pass == 0 ? !p[i].front : p[i].front || !p[i].a->v->peer)
				continue;
			char lab[160];
			const char *name = p[i].a->v->name;
			snprintf(lab, sizeof lab, "%s%s", strncmp(name, "f32-", 4) == 0 ? name + 4 : name,
				 p[i].a->v->peer ? " (peer)" : "");
			int end = 0;
			struct box b = place_label(&p[i], strlen(lab), p, n, placed, np, &end);
			placed[np++] = b;
			char attrs[160];
			snprintf(attrs, sizeof attrs, "font-size=\"%g\" fill=\"%s\" stroke=\"#fff\" "
				 "stroke-width=\"3\" paint-order=\"stroke\"", LFS,
				 p[i].a->v->peer ? COLOR_PEER : "#111");
			text_at(f, end ? b.x1 : b.x0, b.y1 - LFS * 0.25, end ? "end" : "start", attrs, lab);
		}
	free(placed);
}

/* ---- Pareto: drawing ----------------------------------------------------- */

static const char *isa_color(const char *isa)
{
	static const char *const names[] = { "scalar", "sse2", "sse41", "avx2", "avx512", "auto" };
	static const char *const colors[] = { "#7a7a7a", "#8c564b", "#b8a000", "#2ca02c",
					      "#1f5fa8", "#9467bd" };
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (strcmp(isa, names[i]) == 0)
			return colors[i];
	return "#17becf";
}

static void draw_point(FILE *f, const struct ppoint *p)
{
	fprintf(f, "<g><title>");
	sb_xml_printf(f, "%s: %.3g ns/element, max %s ULP%s", p->a->v->name, p->t,
		      sb_fmt_ulp(p->e).s, p->a->all.nan_out ? " (NaN outputs)" : "");
	fprintf(f, "</title>");
	if (p->front)
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"7\" fill=\"none\" stroke=\"#222\" "
			   "stroke-width=\"1.2\"/>", p->x, p->y);
	if (p->a->v->peer)
		fprintf(f, "<path d=\"M%.1f %.1fl5 5-5 5-5-5z\" fill=\"#fff\" stroke=\"%s\" "
			   "stroke-width=\"2\"/>", p->x, p->y - 5, COLOR_PEER);
	else
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\" stroke=\"#fff\" "
			   "stroke-width=\"0.6\"/>", p->x, p->y, isa_color(p->a->v->isa));
	fprintf(f, "</g>\n");
}

/* 1, 2, 5 per decade (decades only beyond 4 of them). */
static void draw_x_ticks(FILE *f, const struct logaxis *xa)
{
	int many = xa->l1 - xa->l0 > 4;
	for (int k = (int)floor(xa->l0); k <= (int)ceil(xa->l1); k++)
		for (int m = 1; m <= 5; m += m == 1 ? 1 : 3) {
			double v = m * pow(10, k), x = log_px(xa, v);
			if ((m > 1 && many) || x < PL - 0.5 || x > PR + 0.5)
				continue;
			fprintf(f, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n",
				x, x, PT, PB, m == 1 ? "#d8d8d8" : "#ececec");
			char lab[32];
			snprintf(lab, sizeof lab, "%g", v);
			text_at(f, x, PB + 16, "middle", "fill=\"#444\"", lab);
		}
}

/* Decades, and the two lines that matter: 0.5 ULP (correctly rounded) and
 * 1 ULP (faithful). */
static void draw_y_ticks(FILE *f, const struct logaxis *ya)
{
	for (int k = (int)ceil(ya->l0); k <= (int)floor(ya->l1); k++) {
		double y = log_px(ya, pow(10, k));
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d8d8d8\"/>\n",
			PL, PR, y, y);
		char lab[32];
		fmt_pow10(lab, sizeof lab, k);
		text_at(f, PL - 6, y + 4, "end", "fill=\"#444\"", lab);
	}
	static const struct { double v; const char *what, *color; } refs[] = {
		{ 0.5, "0.5 ULP: correctly rounded", "#2e8b57" }, { 1, "1 ULP: faithful", "#666" },
	};
	for (size_t i = 0; i < 2; i++) {
		double y = log_px(ya, refs[i].v);
		if (y < PT || y > PB)
			continue;
		fprintf(f, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
			   "stroke-dasharray=\"5 3\"/>\n", PL, PR, y, y, refs[i].color);
		char attrs[64];
		snprintf(attrs, sizeof attrs, "font-size=\"9.5\" fill=\"%s\"", refs[i].color);
		text_at(f, PR - 4, y + (i == 0 ? 11 : -3), "end", attrs, refs[i].what);
	}
}

/* The plot frame, and the two rows above it for what has no place on a
 * log scale: NaN outputs, and errors beyond PCLIP. */
static void draw_frame_rows(FILE *f)
{
	fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
		   "stroke=\"#999\"/>\n", PL, PT, PR - PL, PB - PT);
	char huge[64];
	snprintf(huge, sizeof huge, "> 1e%d ULP", (int)round(log10(PCLIP)));
	const struct { int y; const char *what; } rows[] = { { PNAN, "NaN outputs" }, { PHUGE, huge } };
	for (size_t i = 0; i < 2; i++) {
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\" fill=\"#fdecea\"/>\n",
			PL, rows[i].y - 8, PR - PL);
		text_at(f, PL - 6, rows[i].y + 3.5, "end", "font-size=\"9.5\" fill=\"" COLOR_NAN "\"",
			rows[i].what);
	}
}

static void draw_front(FILE *f, const struct ppoint *p, size_t n)
{
	int started = 0;
	fprintf(f, "<path fill=\"none\" stroke=\"#222\" stroke-width=\"1.4\" d=\"");
	for (size_t i = 0; i < n; i++) {
		if (!p[i].front)
			continue;
		if (!started)
			fprintf(f, "M%.1f %.1f", p[i].x, p[i].y);
		else
			fprintf(f, "H%.1fV%.1f", p[i].x, p[i].y);
		started = 1;
	}
	fprintf(f, "\"/>\n");
}

/* The ISAs present, a peer and the front, in one row above the plot. */
static void draw_pareto_legend(FILE *f, const struct ppoint *p, size_t n, double y)
{
	static const char *const isas[] = { "scalar", "sse2", "sse41", "avx2", "avx512", "auto" };
	double x = PL;
	for (size_t k = 0; k < sizeof isas / sizeof isas[0]; k++) {
		int present = 0;
		for (size_t i = 0; i < n; i++)
			present |= !p[i].a->v->peer && strcmp(p[i].a->v->isa, isas[k]) == 0;
		if (!present)
			continue;
		fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n", x + 4, y - 4,
			isa_color(isas[k]));
		text_at(f, x + 12, y, "start", "", isas[k]);
		x += 22 + 6.5 * (double)strlen(isas[k]);
	}
	fprintf(f, "<path d=\"M%.1f %.1fl5 5-5 5-5-5z\" fill=\"#fff\" stroke=\"%s\" "
		   "stroke-width=\"2\"/>\n", x + 5, y - 9, COLOR_PEER);
	text_at(f, x + 14, y, "start", "fill=\"" COLOR_PEER "\"", "peer (another library)");
	x += 160;
	fprintf(f, "<path d=\"M%.1f %.1fh12v6h12\" fill=\"none\" stroke=\"#222\" "
		   "stroke-width=\"1.4\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"none\" "
		   "stroke=\"#222\"/>\n", x, y - 8, x + 24, y - 2);
	text_at(f, x + 36, y, "start", "",
		"Pareto front (labelled): no other variant is both faster and more accurate");
}

/* "Throughput versus accuracy, float32"; the function named if not sigma. */
static void pareto_title(char *buf, size_t size, enum sb_func fn)
{
	snprintf(buf, size, "Throughput versus accuracy, %s%sfloat32",
		 fn == SB_FN_SIGMOID ? "" : sb_func_name(fn), fn == SB_FN_SIGMOID ? "" : ", ");
}

static void pareto_header(FILE *f, const struct sb_results *r, const struct ppoint *p, size_t n)
{
	char title[96];
	pareto_title(title, sizeof title, p[0].a->v->function);
	text_at(f, PL, 22, "start", "font-size=\"17\" font-weight=\"bold\"", title);
	fprintf(f, "<text x=\"%d\" y=\"41\" fill=\"#333\">", PL);
	sb_xml_printf(f, "One point per variant: median ns per element at n = %zu (one thread) "
			 "against the largest ULP error. Down and left is better.",
		      r->speed_opts.sizes[0]);
	fprintf(f, "</text>\n<text x=\"%d\" y=\"56\" fill=\"#333\">", PL);
	sb_xml_printf(f, "Max ULP over %s%s; hover a point for its name.",
		      p[0].a->sweep, exhaustive_f32(r) ? "" : " (sampled: lower bounds)");
	fprintf(f, "</text>\n");
	draw_pareto_legend(f, p, n, 73);
}

/* Axes that hug the data; points placed in pixels. */
static void pareto_layout(struct ppoint *p, size_t n, struct logaxis *xa, struct logaxis *ya)
{
	double tmin = INFINITY, tmax = 0, emin = INFINITY, emax = 0;
	for (size_t i = 0; i < n; i++) {
		tmin = fmin(tmin, p[i].t);
		tmax = fmax(tmax, p[i].t);
		if (p[i].row == 0) {
			emin = fmin(emin, fmax(p[i].e, 1e-3)); /* 0 (all exact) sits on the floor */
			emax = fmax(emax, fmax(p[i].e, 1e-3));
		}
	}
	if (emax == 0)
		emin = emax = 1;
	*xa = (struct logaxis){ log10(nice_125(tmin / 1.1, 0)), log10(nice_125(tmax * 1.1, 1)), PL, PR };
	*ya = (struct logaxis){ floor(log10(emin)), ceil(log10(emax) + 1e-9), PB, PT };
	if (ya->l1 - ya->l0 < 2)
		ya->l1 = ya->l0 + 2;
	for (size_t i = 0; i < n; i++) {
		p[i].x = log_px(xa, p[i].t);
		p[i].y = p[i].row == 2 ? PNAN : p[i].row == 1 ? PHUGE : log_px(ya, fmax(p[i].e, 1e-3));
	}
}

void sb_plot_pareto_svg(FILE *f, const struct sb_results *r, enum sb_func fn)
{
	size_t n;
	struct ppoint *p = pareto_points(r, fn, &n);
	if (n == 0) {
		free(p);
		return;
	}
	qsort(p, n, sizeof *p, by_time);
	mark_front(p, n);
	struct logaxis xa, ya;
	pareto_layout(p, n, &xa, &ya);
	char title[96];
	pareto_title(title, sizeof title, fn);
	svg_open(f, PWIDTH, PHEIGHT, title);
	pareto_header(f, r, p, n);
	draw_x_ticks(f, &xa);
	draw_y_ticks(f, &ya);
	draw_frame_rows(f);
	draw_front(f, p, n);
	for (size_t i = 0; i < n; i++)
		draw_point(f, &p[i]);
	draw_labels(f, p, n);
	char xt[96];
	snprintf(xt, sizeof xt, "median ns per element, n = %zu (log scale; left is faster)",
		 r->speed_opts.sizes[0]);
	text_at(f, (PL + PR) / 2.0, PB + 38, "middle", "font-size=\"12\"", xt);
	fprintf(f, "<text transform=\"translate(22 %d) rotate(-90)\" text-anchor=\"middle\" "
		   "font-size=\"12\">max ULP error, all inputs (log scale)</text>\n", (PT + PB) / 2);
	fputs("</svg>\n", f);
	free(p);
}
