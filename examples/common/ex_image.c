/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ex_image.c - BMP, PGM and PNG decoding to 8-bit gray, and the
 * scale-and-crop of a camera pipeline (see ex_image.h).
 *
 * Every decoder checks sizes against the bytes present before it reads:
 * the file may come from anywhere.
 */
#include "ex_image.h"

#include "ex_inflate.h"
#include "ex_net.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t le16(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const uint8_t *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static uint8_t luma(unsigned r, unsigned g, unsigned b)
{
	return (uint8_t)((77 * r + 150 * g + 29 * b + 128) >> 8);
}

static int alloc_image(ex_image *im, uint64_t w, uint64_t h,
		       const char *format, char *err, size_t err_n)
{
	if (w == 0 || h == 0 || w * h > EX_IMAGE_MAX_PIXELS) {
		snprintf(err, err_n, "%s image of %llux%llu pixels: size not "
			 "supported", format, (unsigned long long)w,
			 (unsigned long long)h);
		return -1;
	}
	im->px = malloc((size_t)(w * h));
	if (!im->px) {
		snprintf(err, err_n, "out of memory for %llux%llu pixels",
			 (unsigned long long)w, (unsigned long long)h);
		return -1;
	}
	im->w = (uint32_t)w;
	im->h = (uint32_t)h;
	im->format = format;
	return 0;
}

/* ---- BMP ---- */

/* Sample x of a BMP row: a palette index mapped through lut, or a color
 * pixel (bytes in B, G, R order). */
static uint8_t bmp_pixel(const uint8_t *row, uint32_t x, unsigned bpp,
			 const uint8_t *lut)
{
	if (bpp == 24 || bpp == 32) {
		const uint8_t *p = row + x * (bpp / 8);
		return luma(p[2], p[1], p[0]);
	}
	uint32_t bit = x * bpp;
	unsigned index = (row[bit / 8] >> (8 - bpp - bit % 8)) & ((1u << bpp) - 1);
	return lut[index];
}

static const char *bmp_format(unsigned bpp)
{
	switch (bpp) {
	case 1: return "BMP 1-bit palette";
	case 4: return "BMP 4-bit palette";
	case 8: return "BMP 8-bit palette";
	case 24: return "BMP 24-bit";
	default: return "BMP 32-bit";
	}
}

/* Reads the palette (ncolors entries of `entry` bytes, B G R [x]) into a
 * gray look-up table; indices past the palette map to 0. */
static int bmp_palette(const uint8_t *d, size_t len, size_t at, uint32_t ncolors,
		       unsigned entry, uint8_t *lut)
{
	memset(lut, 0, 256);
	if (ncolors > 256 || at > len || (len - at) / entry < ncolors)
		return -1;
	for (uint32_t i = 0; i < ncolors; i++) {
		const uint8_t *p = d + at + (size_t)i * entry;
		lut[i] = luma(p[2], p[1], p[0]);
	}
	return 0;
}

static int decode_bmp(ex_image *im, const uint8_t *d, size_t len, char *err,
		      size_t err_n)
{
	if (len < 26) {
		snprintf(err, err_n, "truncated BMP header");
		return -1;
	}
	uint32_t off = le32(d + 10), dib = le32(d + 14);
	int64_t w, h;
	unsigned bpp, entry = 4;
	uint32_t comp = 0, ncolors = 0;
	if (dib == 12) { /* BITMAPCOREHEADER */
		w = le16(d + 18);
		h = (int16_t)le16(d + 20);
		bpp = le16(d + 24);
		entry = 3;
	} else if (dib >= 40 && len >= 54) {
		w = (int32_t)le32(d + 18);
		h = (int32_t)le32(d + 22);
		bpp = le16(d + 28);
		comp = le32(d + 30);
		ncolors = le32(d + 46);
	} else {
		snprintf(err, err_n, "BMP header of %lu bytes not supported",
			 (unsigned long)dib);
		return -1;
	}
	int top_down = h < 0;
	h = top_down ? -h : h;
	if (comp != 0 || (bpp != 1 && bpp != 4 && bpp != 8 && bpp != 24 &&
			  bpp != 32)) {
		snprintf(err, err_n, "BMP with %u bits per pixel, compression "
			 "%lu: only uncompressed 1/4/8/24/32-bit is supported",
			 bpp, (unsigned long)comp);
		return -1;
	}
	uint8_t lut[256];
	if (bpp <= 8 && ncolors == 0)
		ncolors = 1u << bpp;
	if (bpp <= 8 && bmp_palette(d, len, 14 + (size_t)dib, ncolors, entry,
				    lut) != 0) {
		snprintf(err, err_n, "bad BMP palette");
		return -1;
	}
	uint64_t stride = ((uint64_t)w * bpp + 31) / 32 * 4;
	if (w <= 0 || h == 0 || off > len ||
	    stride * (uint64_t)h > len - off) {
		snprintf(err, err_n, "BMP pixel data missing or truncated");
		return -1;
	}
	if (alloc_image(im, (uint64_t)w, (uint64_t)h, bmp_format(bpp), err,
			err_n) != 0)
		return -1;
	for (uint32_t y = 0; y < im->h; y++) {
		uint32_t src = top_down ? y : im->h - 1 - y;
		const uint8_t *row = d + off + src * stride;
		for (uint32_t x = 0; x < im->w; x++)
			im->px[(size_t)y * im->w + x] = bmp_pixel(row, x, bpp, lut);
	}
	return 0;
}

/* ---- PGM ---- */

/* Next unsigned decimal of a PNM header or P2 body, skipping white space
 * and # comments. Returns -1 if there is none. */
static int pnm_number(const uint8_t *d, size_t len, size_t *pos, uint32_t *val)
{
	size_t p = *pos;
	for (;;) {
		while (p < len && strchr(" \t\r\n\v\f", d[p]) && d[p])
			p++;
		if (p >= len || d[p] != '#')
			break;
		while (p < len && d[p] != '\n')
			p++;
	}
	if (p >= len || d[p] < '0' || d[p] > '9')
		return -1;
	uint32_t v = 0;
	while (p < len && d[p] >= '0' && d[p] <= '9') {
		if (v > 100000000u)
			return -1;
		v = v * 10 + (uint32_t)(d[p++] - '0');
	}
	*pos = p;
	*val = v;
	return 0;
}

static uint8_t pgm_scale(uint32_t v, uint32_t maxval)
{
	if (v > maxval)
		v = maxval;
	return (uint8_t)((v * 255u + maxval / 2) / maxval);
}

static int decode_pgm(ex_image *im, const uint8_t *d, size_t len, char *err,
		      size_t err_n)
{
	int binary = d[1] == '5';
	size_t pos = 2;
	uint32_t w, h, maxval;
	if (pnm_number(d, len, &pos, &w) || pnm_number(d, len, &pos, &h) ||
	    pnm_number(d, len, &pos, &maxval) || maxval == 0 ||
	    maxval > 65535) {
		snprintf(err, err_n, "bad PGM header");
		return -1;
	}
	size_t bps = maxval < 256 ? 1 : 2;
	if (binary)
		pos++; /* the single white-space byte after maxval */
	if (binary && (pos > len || (uint64_t)w * h * bps > len - pos)) {
		snprintf(err, err_n, "PGM pixel data truncated");
		return -1;
	}
	if (alloc_image(im, w, h, binary ? "PGM P5" : "PGM P2", err, err_n))
		return -1;
	size_t n = (size_t)w * h;
	for (size_t i = 0; i < n; i++) {
		uint32_t v = 0;
		if (binary) {
			const uint8_t *p = d + pos + i * bps;
			v = bps == 1 ? p[0] : (uint32_t)p[0] << 8 | p[1];
		} else if (pnm_number(d, len, &pos, &v) != 0) {
			snprintf(err, err_n, "PGM P2 data: pixel %zu missing", i);
			ex_image_free(im);
			return -1;
		}
		im->px[i] = pgm_scale(v, maxval);
	}
	return 0;
}

/* ---- PNG ---- */

static const uint8_t png_signature[8] = { 0x89, 'P', 'N', 'G',
					  '\r', '\n', 0x1A, '\n' };

static uint32_t crc32_update(uint32_t crc, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xEDB88320u & -(crc & 1));
	}
	return crc;
}

/* What the chunk walk learns about a PNG. */
typedef struct png_info {
	uint32_t w, h; /* size */
	unsigned depth; /* bits per sample */
	unsigned ctype; /* colour type: 0 gray, 2 RGB, 3 palette, 4 GA, 6 RGBA */
	unsigned interlace; /* 0 none, 1 Adam7 */
	uint8_t lut[256]; /* palette as gray */
	unsigned npal; /* palette entries */
	size_t idat; /* total bytes of IDAT data */
} png_info;

/* Samples per pixel of a colour type, or 0 if the type/depth pair is not
 * one the standard allows. */
static unsigned png_channels(unsigned ctype, unsigned depth)
{
	int small = depth == 1 || depth == 2 || depth == 4;
	int wide = depth == 8 || depth == 16;
	switch (ctype) {
	case 0: return (small || wide) ? 1 : 0;
	case 2: return wide ? 3 : 0;
	case 3: return (small || depth == 8) ? 1 : 0;
	case 4: return wide ? 2 : 0;
	case 6: return wide ? 4 : 0;
	default: return 0;
	}
}

/* One chunk's content (CRC already checked); returns 0, 1 at IEND, -1. */
static int png_chunk(png_info *pi, const uint8_t *type, const uint8_t *c,
		     uint32_t n, int first, char *err, size_t err_n)
{
	if (first != !memcmp(type, "IHDR", 4)) {
		snprintf(err, err_n, "PNG: IHDR is not the first chunk");
		return -1;
	}
	if (!memcmp(type, "IHDR", 4)) {
		if (n != 13 || c[10] != 0 || c[11] != 0) {
			snprintf(err, err_n, "PNG: bad IHDR");
			return -1;
		}
		pi->w = be32(c);
		pi->h = be32(c + 4);
		pi->depth = c[8];
		pi->ctype = c[9];
		pi->interlace = c[12];
	} else if (!memcmp(type, "PLTE", 4)) {
		if (n % 3 != 0 || n > 768) {
			snprintf(err, err_n, "PNG: bad PLTE");
			return -1;
		}
		pi->npal = n / 3;
		for (unsigned i = 0; i < pi->npal; i++)
			pi->lut[i] = luma(c[3 * i], c[3 * i + 1], c[3 * i + 2]);
	} else if (!memcmp(type, "IDAT", 4)) {
		pi->idat += n;
	} else if (!memcmp(type, "IEND", 4)) {
		return 1;
	} else if (!(type[0] & 0x20)) {
		snprintf(err, err_n, "PNG: unknown critical chunk %.4s",
			 (const char *)type);
		return -1;
	}
	return 0;
}

/* Walks all chunks: checks lengths and CRCs; with `idat` set, copies the
 * IDAT data there instead of parsing. */
static int png_walk(png_info *pi, const uint8_t *d, size_t len, uint8_t *idat,
		    char *err, size_t err_n)
{
	size_t pos = 8, copied = 0;
	for (int first = 1;; first = 0) {
		if (len - pos < 12) {
			snprintf(err, err_n, "PNG: truncated (no IEND)");
			return -1;
		}
		uint32_t n = be32(d + pos);
		const uint8_t *type = d + pos + 4, *c = d + pos + 8;
		if (n > len - pos - 12) {
			snprintf(err, err_n, "PNG: chunk runs past the end");
			return -1;
		}
		uint32_t crc = ~crc32_update(0xFFFFFFFFu, type, 4 + (size_t)n);
		if (crc != be32(c + n)) {
			snprintf(err, err_n, "PNG: CRC mismatch in %.4s",
				 (const char *)type);
			return -1;
		}
		pos += 12 + (size_t)n;
		if (idat && !memcmp(type, "IDAT", 4)) {
			memcpy(idat + copied, c, n);
			copied += n;
		}
		if (idat && !memcmp(type, "IEND", 4))
			return 0;
		if (idat)
			continue;
		int rc = png_chunk(pi, type, c, n, first, err, err_n);
		if (rc != 0)
			return rc < 0 ? -1 : 0;
	}
}

static unsigned paeth(unsigned a, unsigned b, unsigned c)
{
	int p = (int)a + (int)b - (int)c;
	int pa = abs(p - (int)a), pb = abs(p - (int)b), pc = abs(p - (int)c);
	if (pa <= pb && pa <= pc)
		return a;
	return pb <= pc ? b : c;
}

/* Reverses the per-row filters in place; rows are 1 + rowbytes long. */
static int png_unfilter(uint8_t *raw, uint32_t h, size_t rowbytes, size_t bpp)
{
	const uint8_t *prior = NULL;
	for (uint32_t y = 0; y < h; y++) {
		uint8_t *row = raw + y * (rowbytes + 1);
		unsigned f = row[0];
		uint8_t *x = row + 1;
		if (f > 4)
			return -1;
		for (size_t i = 0; i < rowbytes; i++) {
			unsigned a = i >= bpp ? x[i - bpp] : 0;
			unsigned b = prior ? prior[i] : 0;
			unsigned c = (prior && i >= bpp) ? prior[i - bpp] : 0;
			unsigned pred = f == 1 ? a : f == 2 ? b :
					f == 3 ? (a + b) / 2 :
					f == 4 ? paeth(a, b, c) : 0;
			x[i] = (uint8_t)(x[i] + pred);
		}
		prior = x;
	}
	return 0;
}

/* Sample idx of a row as 8 bits: the high byte of 16-bit samples, small
 * depths scaled to 0..255 (or the raw index when `index` is set). */
static unsigned png_sample(const uint8_t *row, size_t idx, unsigned depth,
			   int index)
{
	if (depth == 8)
		return row[idx];
	if (depth == 16)
		return row[2 * idx];
	size_t bit = idx * depth;
	unsigned max = (1u << depth) - 1;
	unsigned v = (row[bit / 8] >> (8 - depth - bit % 8)) & max;
	return index ? v : v * 255 / max;
}

static uint8_t png_gray(const png_info *pi, const uint8_t *row, uint32_t x)
{
	unsigned d = pi->depth;
	switch (pi->ctype) {
	case 2: return luma(png_sample(row, 3 * (size_t)x, d, 0),
			    png_sample(row, 3 * (size_t)x + 1, d, 0),
			    png_sample(row, 3 * (size_t)x + 2, d, 0));
	case 3: return pi->lut[png_sample(row, x, d, 1)];
	case 4: return (uint8_t)png_sample(row, 2 * (size_t)x, d, 0);
	case 6: return luma(png_sample(row, 4 * (size_t)x, d, 0),
			    png_sample(row, 4 * (size_t)x + 1, d, 0),
			    png_sample(row, 4 * (size_t)x + 2, d, 0));
	default: return (uint8_t)png_sample(row, x, d, 0);
	}
}

/* Inflates and unfilters the image data into *raw (malloc'd). */
static int png_pixels(const png_info *pi, const uint8_t *d, size_t len,
		      uint8_t **raw, size_t rowbytes, char *err, size_t err_n)
{
	size_t bpp = (png_channels(pi->ctype, pi->depth) * pi->depth + 7) / 8;
	size_t size = (size_t)pi->h * (rowbytes + 1), got = 0;
	uint8_t *idat = malloc(pi->idat ? pi->idat : 1);
	*raw = malloc(size);
	if (!idat || !*raw) {
		snprintf(err, err_n, "PNG: out of memory");
		free(idat);
		return -1;
	}
	png_walk(NULL, d, len, idat, err, err_n);
	int rc = ex_zlib_decompress(*raw, size, &got, idat, pi->idat);
	free(idat);
	if (rc != EX_INFLATE_OK || got != size) {
		snprintf(err, err_n, "PNG: image data does not inflate to %zu "
			 "bytes (inflate code %d, %zu bytes)", size, rc, got);
		return -1;
	}
	if (png_unfilter(*raw, pi->h, rowbytes, bpp) != 0) {
		snprintf(err, err_n, "PNG: bad row filter");
		return -1;
	}
	return 0;
}

static int decode_png(ex_image *im, const uint8_t *d, size_t len, char *err,
		      size_t err_n)
{
	png_info pi;
	memset(&pi, 0, sizeof pi);
	if (png_walk(&pi, d, len, NULL, err, err_n) != 0)
		return -1;
	unsigned ch = png_channels(pi.ctype, pi.depth);
	if (ch == 0 || pi.interlace > 1 || (pi.ctype == 3 && pi.npal == 0)) {
		snprintf(err, err_n, "PNG: colour type %u with depth %u (or a "
			 "missing palette) is not valid", pi.ctype, pi.depth);
		return -1;
	}
	if (pi.interlace) {
		snprintf(err, err_n, "PNG: interlaced (Adam7) images are not "
			 "supported; save it non-interlaced");
		return -1;
	}
	if (alloc_image(im, pi.w, pi.h, "PNG", err, err_n) != 0)
		return -1;
	size_t rowbytes = ((size_t)pi.w * ch * pi.depth + 7) / 8;
	uint8_t *raw = NULL;
	if (png_pixels(&pi, d, len, &raw, rowbytes, err, err_n) != 0) {
		free(raw);
		ex_image_free(im);
		return -1;
	}
	for (uint32_t y = 0; y < pi.h; y++) {
		const uint8_t *row = raw + (size_t)y * (rowbytes + 1) + 1;
		for (uint32_t x = 0; x < pi.w; x++)
			im->px[(size_t)y * pi.w + x] = png_gray(&pi, row, x);
	}
	free(raw);
	return 0;
}

/* ---- entry points ---- */

int ex_image_decode(ex_image *im, const uint8_t *data, size_t len, char *err,
		    size_t err_n)
{
	memset(im, 0, sizeof *im);
	if (len >= 8 && !memcmp(data, png_signature, 8))
		return decode_png(im, data, len, err, err_n);
	if (len >= 2 && data[0] == 'B' && data[1] == 'M')
		return decode_bmp(im, data, len, err, err_n);
	if (len >= 2 && data[0] == 'P' && (data[1] == '5' || data[1] == '2'))
		return decode_pgm(im, data, len, err, err_n);
	snprintf(err, err_n, "unknown image format (BMP, PGM P5/P2 or PNG "
		 "expected)");
	return -1;
}

int ex_image_load(ex_image *im, const char *path, char *err, size_t err_n)
{
	size_t len = 0;
	memset(im, 0, sizeof *im);
	uint8_t *data = ex_read_file(path, &len, 64u << 20);
	if (!data) {
		snprintf(err, err_n, "%s: cannot read the image", path);
		return -1;
	}
	char why[200];
	int rc = ex_image_decode(im, data, len, why, sizeof why);
	free(data);
	if (rc != 0)
		snprintf(err, err_n, "%s: %s", path, why);
	return rc;
}

void ex_image_free(ex_image *im)
{
	free(im->px);
	im->px = NULL;
	im->w = im->h = 0;
}

/*
 * One output sample of a line resampled from [start, start + n_out * step)
 * of the input: the mean over the output pixel's footprint when shrinking
 * (step >= 1), linear interpolation at its center when growing.
 */
static float resample_at(const float *in, size_t stride, uint32_t n_in,
			 double start, double step, uint32_t j)
{
	if (step < 1.0) {
		double c = start + (j + 0.5) * step - 0.5;
		if (c < 0)
			c = 0;
		if (c > n_in - 1)
			c = n_in - 1;
		uint32_t i0 = (uint32_t)c;
		uint32_t i1 = i0 + 1 < n_in ? i0 + 1 : i0;
		double t = c - i0;
		return (float)((1 - t) * in[i0 * stride] + t * in[i1 * stride]);
	}
	double a = start + j * step, b = a + step, sum = 0;
	for (uint32_t i = (uint32_t)a; i < n_in && i < b; i++) {
		double lo = a > i ? a : i, hi = b < i + 1 ? b : i + 1;
		sum += in[i * stride] * (hi - lo);
	}
	return (float)(sum / step);
}

int ex_image_fit(const ex_image *im, uint8_t *out, uint32_t out_w,
		 uint32_t out_h)
{
	if (im->w == out_w && im->h == out_h) {
		memcpy(out, im->px, (size_t)out_w * out_h);
		return 0;
	}
	/* The centered crop with the output's aspect ratio, and the whole
	 * pixels it touches: columns [xs, xe), rows [ys, ye). */
	double cw = im->w, ch = im->h;
	if ((double)im->w * out_h > (double)im->h * out_w)
		cw = (double)im->h * out_w / out_h;
	else
		ch = (double)im->w * out_h / out_w;
	double x0 = (im->w - cw) / 2, y0 = (im->h - ch) / 2;
	uint32_t xs = (uint32_t)x0, ys = (uint32_t)y0;
	uint32_t xe = (uint32_t)ceil(x0 + cw), ye = (uint32_t)ceil(y0 + ch);
	xe = xe > im->w ? im->w : xe;
	ye = ye > im->h ? im->h : ye;
	float *row = malloc(sizeof(float) * (xe - xs));
	float *tmp = malloc(sizeof(float) * out_w * (ye - ys));
	if (!row || !tmp) {
		free(row);
		free(tmp);
		return -1;
	}
	for (uint32_t y = ys; y < ye; y++) {
		const uint8_t *src = im->px + (size_t)y * im->w + xs;
		for (uint32_t x = 0; x < xe - xs; x++)
			row[x] = src[x];
		for (uint32_t j = 0; j < out_w; j++)
			tmp[(size_t)(y - ys) * out_w + j] = resample_at(
				row, 1, xe - xs, x0 - xs, cw / out_w, j);
	}
	for (uint32_t j = 0; j < out_w; j++) {
		for (uint32_t i = 0; i < out_h; i++) {
			float v = resample_at(tmp + j, out_w, ye - ys, y0 - ys,
					      ch / out_h, i);
			out[(size_t)i * out_w + j] = (uint8_t)(v + 0.5f);
		}
	}
	free(row);
	free(tmp);
	return 0;
}
