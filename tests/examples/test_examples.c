/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_examples.c - tests of the examples' helpers and pure logic: the
 * DEFLATE/zlib decoder, PNG/BMP/PGM decoding, scale-and-crop, the WAV
 * reader, the keyword recognizer and the wand's stroke pipeline.
 *
 * A standalone host program (ctest runs it from the build directory, where
 * it writes its temporary WAV files): prints each failure and ends with
 * "N passed, N failed"; the exit status is non-zero if any check failed.
 *
 * Test data is made here: images are encoded by small independent writers
 * (PNG with stored DEFLATE blocks, every colour type and bit depth, every
 * row filter; BMP of every supported depth, both row orders; PGM P5/P2),
 * so each decoded pixel is compared with the value it was written from.
 * The three zlib streams below were made with Python's zlib.compress
 * (levels 0 and 9: a stored, a fixed-Huffman and a dynamic-Huffman block).
 * The raster hashes are FNV-1a of rasters drawn by rasterize_stroke() of
 * TFLM's magic_wand training notebook (train_magic_wand_model.ipynb) for
 * the same points.
 */
#include "ex_image.h"
#include "ex_inflate.h"
#include "ex_wav.h"
#include "recognize.h"
#include "stroke.h"
#include "synth.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int n_pass;
static int n_fail;

static void check(int ok, const char *what, long a, long b)
{
	if (ok) {
		n_pass++;
		return;
	}
	n_fail++;
	printf("FAIL %s (got %ld, want %ld)\n", what, a, b);
}

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
	uint32_t x = rng_state;
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return rng_state = x;
}

/* ---- a growable byte buffer for the writers ---- */

typedef struct buf {
	uint8_t *p;
	size_t n, cap;
} buf;

static void put(buf *b, const void *d, size_t n)
{
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->p = realloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
}

static void put8(buf *b, unsigned v)
{
	uint8_t c = (uint8_t)v;
	put(b, &c, 1);
}

static void put16le(buf *b, unsigned v)
{
	put8(b, v & 0xFF);
	put8(b, v >> 8);
}

static void put32le(buf *b, uint32_t v)
{
	put16le(b, v & 0xFFFF);
	put16le(b, v >> 16);
}

static void put32be(buf *b, uint32_t v)
{
	put8(b, v >> 24);
	put8(b, (v >> 16) & 0xFF);
	put8(b, (v >> 8) & 0xFF);
	put8(b, v & 0xFF);
}

static unsigned luma(unsigned r, unsigned g, unsigned b)
{
	return (77 * r + 150 * g + 29 * b + 128) >> 8;
}

/* ---- inflate ---- */

static const uint8_t z_stored[29] = {
	0x78, 0x01, 0x01, 0x12, 0x00, 0xed, 0xff, 0x73, 0x74, 0x6f, 0x72, 0x65,
	0x64, 0x20, 0x62, 0x6c, 0x6f, 0x63, 0x6b, 0x3a, 0x20, 0x6d, 0x6f, 0x74,
	0x65, 0x42, 0x38, 0x06, 0xcc
};
static const uint8_t z_fixed[31] = {
	0x78, 0xda, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0x40, 0x27, 0x75,
	0x14, 0xd2, 0x32, 0x2b, 0x52, 0x53, 0x14, 0x3c, 0x4a, 0xd3, 0xd2, 0x72,
	0x13, 0xf3, 0x00, 0x11, 0x40, 0x0d, 0xf2
};
static const uint8_t z_dynamic[64] = {
	0x78, 0xda, 0xed, 0xcb, 0xb1, 0x09, 0xc0, 0x30, 0x0c, 0x04, 0xc0, 0x55,
	0x7e, 0x35, 0x81, 0x9f, 0x60, 0x12, 0x5e, 0x46, 0x12, 0x88, 0x6c, 0x9f,
	0x2c, 0xe1, 0xce, 0xe5, 0x15, 0xd7, 0xa6, 0x81, 0xc5, 0x48, 0x17, 0x72,
	0x79, 0xd5, 0xd4, 0x85, 0x9b, 0x6f, 0x7b, 0x0c, 0x14, 0x95, 0x1e, 0x3f,
	0x43, 0x7c, 0x60, 0x41, 0x19, 0x72, 0x8a, 0xe8, 0xb3, 0xb6, 0xae, 0x0f,
	0x47, 0xcb, 0x9b, 0x0f
};

/* The text compressed in z_dynamic: 60 words joined by spaces. */
static size_t dynamic_text(char *out)
{
	static const char *const words[8] = { "keyword", "spotting", "person",
					      "wand",    "sine",     "arena",
					      "kernel",  "tensor" };
	size_t n = 0;
	for (int i = 0; i < 60; i++)
		n += (size_t)sprintf(out + n, "%s%s", i ? " " : "",
				     words[(i * 7 + 3) % 8]);
	return n;
}

static void test_inflate(void)
{
	static const struct {
		const uint8_t *z;
		size_t n;
		const char *text; /* NULL: dynamic_text() */
	} rows[] = {
		{ z_stored, sizeof z_stored, "stored block: mote" },
		{ z_fixed, sizeof z_fixed, "hello hello hello hello, fixed Huffman" },
		{ z_dynamic, sizeof z_dynamic, NULL },
	};
	char want[512];
	uint8_t out[512];
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		size_t wn = rows[r].text ? strlen(strcpy(want, rows[r].text)) :
					   dynamic_text(want);
		size_t got = 0;
		int rc = ex_zlib_decompress(out, sizeof out, &got, rows[r].z,
					    rows[r].n);
		check(rc == EX_INFLATE_OK, "zlib stream decodes", rc, 0);
		check(got == wn && !memcmp(out, want, wn), "zlib output",
		      (long)got, (long)wn);
		/* Too small an output buffer, every truncation, every
		 * single-bit flip: an error or (for flips the checksum cannot
		 * see) a bounded result, never a fault. */
		rc = ex_zlib_decompress(out, wn - 1, &got, rows[r].z, rows[r].n);
		check(rc == EX_INFLATE_E_OUTPUT, "output capacity", rc,
		      EX_INFLATE_E_OUTPUT);
		int truncated_ok = 1;
		for (size_t k = 0; k < rows[r].n; k++)
			truncated_ok &= ex_zlib_decompress(out, sizeof out, &got,
							   rows[r].z, k) != 0;
		check(truncated_ok, "every truncation is an error", 0, 1);
		uint8_t z[64];
		int flips_ok = 1;
		for (size_t bit = 0; bit < rows[r].n * 8; bit++) {
			memcpy(z, rows[r].z, rows[r].n);
			z[bit / 8] ^= (uint8_t)(1u << bit % 8);
			rc = ex_zlib_decompress(out, sizeof out, &got, z,
						rows[r].n);
			flips_ok &= got <= sizeof out &&
				    (rc != 0 || !memcmp(out, want, wn));
		}
		check(flips_ok, "bit flips are caught or harmless", 0, 1);
	}
	/* Reserved block type 3. */
	static const uint8_t bad[] = { 0x78, 0x01, 0x07, 0, 0, 0, 0, 0 };
	size_t got;
	int rc = ex_zlib_decompress(out, sizeof out, &got, bad, sizeof bad);
	check(rc == EX_INFLATE_E_BLOCK, "block type 3", rc, EX_INFLATE_E_BLOCK);
}

/* ---- PNG ---- */

static uint32_t crc_table[256];

static uint32_t crc32_png(const uint8_t *p, size_t n)
{
	if (!crc_table[1]) {
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			crc_table[i] = c;
		}
	}
	uint32_t c = 0xFFFFFFFFu;
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xFF] ^ (c >> 8);
	return c ^ 0xFFFFFFFFu;
}

static void png_chunk(buf *b, const char *type, const uint8_t *d, size_t n)
{
	put32be(b, (uint32_t)n);
	size_t at = b->n;
	put(b, type, 4);
	if (n)
		put(b, d, n);
	put32be(b, crc32_png(b->p + at, n + 4));
}

/* zlib stream of stored blocks (at most `block` bytes each). */
static void zlib_stored(buf *z, const uint8_t *d, size_t n, size_t block)
{
	uint32_t a = 1, s2 = 0;
	put8(z, 0x78);
	put8(z, 0x01);
	for (size_t at = 0; at < n || at == 0; at += block) {
		size_t k = n - at < block ? n - at : block;
		put8(z, at + k >= n);
		put16le(z, (unsigned)k);
		put16le(z, (unsigned)~k & 0xFFFF);
		put(z, d + at, k);
		if (at + k >= n)
			break;
	}
	for (size_t i = 0; i < n; i++) {
		a = (a + d[i]) % 65521;
		s2 = (s2 + a) % 65521;
	}
	put32be(z, s2 << 16 | a);
}

static unsigned paeth(int a, int b, int c)
{
	int p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
	return (unsigned)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

/* Packs one row of samples; returns its byte count. */
static size_t pack_row(uint8_t *row, const uint16_t *s, size_t count,
		       int depth)
{
	size_t bytes = (count * (size_t)depth + 7) / 8;
	memset(row, 0, bytes);
	for (size_t i = 0; i < count; i++) {
		if (depth == 16) {
			row[2 * i] = (uint8_t)(s[i] >> 8);
			row[2 * i + 1] = (uint8_t)s[i];
		} else {
			size_t bit = i * (size_t)depth;
			row[bit / 8] |= (uint8_t)(s[i] << (8 - depth - bit % 8));
		}
	}
	return bytes;
}

/* A PNG of w x h samples (ch per pixel), row filter y % 5. */
static void make_png(buf *png, uint32_t w, uint32_t h, int ctype, int depth,
		     int ch, const uint16_t *samples, const uint8_t *pal,
		     int npal)
{
	static const uint8_t sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A,
					'\n' };
	size_t rowbytes = ((size_t)w * ch * depth + 7) / 8;
	size_t bpp = ((size_t)ch * depth + 7) / 8;
	uint8_t *raw = calloc(h, rowbytes + 1), *prev = calloc(1, rowbytes);
	uint8_t *cur = malloc(rowbytes);
	for (uint32_t y = 0; y < h; y++) {
		pack_row(cur, samples + (size_t)y * w * ch, (size_t)w * ch, depth);
		uint8_t *out = raw + y * (rowbytes + 1);
		out[0] = (uint8_t)(y % 5);
		for (size_t i = 0; i < rowbytes; i++) {
			int a = i >= bpp ? cur[i - bpp] : 0, b = prev[i];
			int c = i >= bpp ? prev[i - bpp] : 0;
			unsigned pred = y % 5 == 1 ? (unsigned)a :
					y % 5 == 2 ? (unsigned)b :
					y % 5 == 3 ? (unsigned)(a + b) / 2 :
					y % 5 == 4 ? paeth(a, b, c) : 0;
			out[1 + i] = (uint8_t)(cur[i] - pred);
		}
		memcpy(prev, cur, rowbytes);
	}
	buf z = { 0 }, ihdr = { 0 };
	zlib_stored(&z, raw, h * (rowbytes + 1), 37);
	put32be(&ihdr, w);
	put32be(&ihdr, h);
	put8(&ihdr, (unsigned)depth);
	put8(&ihdr, (unsigned)ctype);
	put8(&ihdr, 0);
	put8(&ihdr, 0);
	put8(&ihdr, 0);
	put(png, sig, 8);
	png_chunk(png, "IHDR", ihdr.p, ihdr.n);
	if (pal)
		png_chunk(png, "PLTE", pal, (size_t)npal * 3);
	png_chunk(png, "tEXt", (const uint8_t *)"k\0v", 3);
	/* Two IDAT chunks: the decoder must join them. */
	png_chunk(png, "IDAT", z.p, z.n / 2);
	png_chunk(png, "IDAT", z.p + z.n / 2, z.n - z.n / 2);
	png_chunk(png, "IEND", NULL, 0);
	free(raw);
	free(prev);
	free(cur);
	free(z.p);
	free(ihdr.p);
}

/* What the decoder must make of pixel i. */
static unsigned png_expect(const uint16_t *s, int ctype, int depth,
			   const uint8_t *pal, size_t i)
{
	unsigned max = (1u << depth) - 1;
	unsigned v8[4];
	int ch = ctype == 2 ? 3 : ctype == 4 ? 2 : ctype == 6 ? 4 : 1;
	for (int k = 0; k < ch; k++) {
		unsigned v = s[i * ch + k];
		v8[k] = depth == 16 ? v >> 8 : depth == 8 ? v : v * 255 / max;
	}
	if (ctype == 3) {
		const uint8_t *p = pal + 3 * s[i];
		return luma(p[0], p[1], p[2]);
	}
	return (ctype == 2 || ctype == 6) ? luma(v8[0], v8[1], v8[2]) : v8[0];
}

static void test_png(void)
{
	static const int rows[][2] = { { 0, 1 }, { 0, 2 },  { 0, 4 },  { 0, 8 },
				       { 0, 16 }, { 2, 8 }, { 2, 16 }, { 3, 1 },
				       { 3, 2 },  { 3, 4 }, { 3, 8 },  { 4, 8 },
				       { 4, 16 }, { 6, 8 }, { 6, 16 } };
	const uint32_t w = 13, h = 7;
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		int ctype = rows[r][0], depth = rows[r][1];
		int ch = ctype == 2 ? 3 : ctype == 4 ? 2 : ctype == 6 ? 4 : 1;
		int npal = ctype == 3 ? 1 << depth : 0;
		uint8_t pal[768];
		uint16_t s[13 * 7 * 4];
		for (int i = 0; i < 768; i++)
			pal[i] = (uint8_t)rng();
		for (size_t i = 0; i < w * h * (size_t)ch; i++)
			s[i] = (uint16_t)(rng() % (ctype == 3 ? (unsigned)npal :
							    1u << depth));
		buf png = { 0 };
		make_png(&png, w, h, ctype, depth, ch, s, npal ? pal : NULL,
			 npal);
		ex_image im;
		char err[200] = "";
		int rc = ex_image_decode(&im, png.p, png.n, err, sizeof err);
		check(rc == 0, err, ctype * 100 + depth, 0);
		size_t bad = 0;
		for (size_t i = 0; rc == 0 && i < w * h; i++)
			bad += im.px[i] != png_expect(s, ctype, depth, pal, i);
		check(rc == 0 && im.w == w && im.h == h && bad == 0,
		      "PNG pixels (colour type * 100 + depth)",
		      ctype * 100 + depth, -1);
		ex_image_free(&im);
		/* A flipped byte in any chunk breaks its CRC. */
		png.p[40] ^= 1;
		check(ex_image_decode(&im, png.p, png.n, err, sizeof err) != 0,
		      "PNG CRC error", 0, -1);
		/* Truncated anywhere: an error, never a fault. */
		png.p[40] ^= 1;
		int trunc_ok = 1;
		for (size_t k = 8; k < png.n; k += 7)
			trunc_ok &= ex_image_decode(&im, png.p, k, err,
						    sizeof err) != 0;
		check(trunc_ok, "PNG truncations", 0, 1);
		free(png.p);
	}
}

/* ---- BMP and PGM ---- */

static void make_bmp(buf *b, int w, int h, int bpp, int top_down,
		     const uint8_t *pix, const uint8_t *pal)
{
	int ncol = bpp <= 8 ? 1 << bpp : 0;
	uint32_t stride = (uint32_t)((w * bpp + 31) / 32 * 4);
	uint32_t off = 54 + 4 * (uint32_t)ncol;
	put(b, "BM", 2);
	put32le(b, off + stride * (uint32_t)h);
	put32le(b, 0);
	put32le(b, off);
	put32le(b, 40);
	put32le(b, (uint32_t)w);
	put32le(b, (uint32_t)(top_down ? -h : h));
	put16le(b, 1);
	put16le(b, (unsigned)bpp);
	for (int i = 0; i < 6; i++)
		put32le(b, 0); /* compression, sizes, resolution, colours */
	for (int i = 0; i < ncol; i++) {
		put(b, pal + 3 * i, 3); /* B G R */
		put8(b, 0);
	}
	uint8_t row[256];
	for (int y = 0; y < h; y++) {
		int src = top_down ? y : h - 1 - y;
		memset(row, 0, stride);
		for (int x = 0; x < w; x++) {
			const uint8_t *p = pix + ((size_t)src * w + x) * 4;
			if (bpp >= 24) {
				memcpy(row + x * (bpp / 8), p, 3);
				continue;
			}
			int bit = x * bpp;
			row[bit / 8] |= (uint8_t)(p[0] << (8 - bpp - bit % 8));
		}
		put(b, row, stride);
	}
}

static void test_bmp(void)
{
	static const int depths[] = { 1, 4, 8, 24, 32 };
	const int w = 13, h = 5;
	for (size_t d = 0; d < 5; d++) {
		for (int top_down = 0; top_down <= 1; top_down++) {
			int bpp = depths[d];
			uint8_t pal[256 * 3], pix[13 * 5 * 4];
			for (int i = 0; i < 256 * 3; i++)
				pal[i] = (uint8_t)rng();
			for (int i = 0; i < w * h * 4; i++)
				pix[i] = (uint8_t)rng();
			for (int i = 0; bpp <= 8 && i < w * h; i++)
				pix[i * 4] &= (uint8_t)((1 << bpp) - 1);
			buf b = { 0 };
			make_bmp(&b, w, h, bpp, top_down, pix, pal);
			ex_image im;
			char err[200] = "";
			int rc = ex_image_decode(&im, b.p, b.n, err, sizeof err);
			check(rc == 0, err, bpp, 0);
			int bad = 0;
			for (int i = 0; rc == 0 && i < w * h; i++) {
				const uint8_t *p = bpp <= 8 ? pal + 3 * pix[i * 4] :
							      pix + i * 4;
				bad += im.px[i] != luma(p[2], p[1], p[0]);
			}
			check(rc == 0 && bad == 0, "BMP pixels (bits per pixel)",
			      bpp, -1);
			ex_image_free(&im);
			check(ex_image_decode(&im, b.p, b.n - 1, err,
					      sizeof err) != 0,
			      "truncated BMP", bpp, -1);
			free(b.p);
		}
	}
}

static void test_pgm(void)
{
	static const char p2[] = "P2\n# comment\n3 2\n# another\n15\n"
				 "0 15 7\n1 2 3\n";
	ex_image im;
	char err[200] = "";
	int rc = ex_image_decode(&im, (const uint8_t *)p2, sizeof p2 - 1, err,
				 sizeof err);
	static const uint8_t want2[6] = { 0, 255, 119, 17, 34, 51 };
	check(rc == 0 && im.w == 3 && im.h == 2 && !memcmp(im.px, want2, 6),
	      "PGM P2", rc, 0);
	ex_image_free(&im);
	uint8_t p5[64];
	int n = sprintf((char *)p5, "P5 2 2 1000\n");
	static const uint16_t v[4] = { 0, 1000, 500, 2 };
	for (int i = 0; i < 4; i++) {
		p5[n++] = (uint8_t)(v[i] >> 8);
		p5[n++] = (uint8_t)v[i];
	}
	rc = ex_image_decode(&im, p5, (size_t)n, err, sizeof err);
	static const uint8_t want5[4] = { 0, 255, 128, 1 };
	check(rc == 0 && !memcmp(im.px, want5, 4), "PGM P5 16-bit", rc, 0);
	ex_image_free(&im);
	check(ex_image_decode(&im, p5, (size_t)n - 1, err, sizeof err) != 0,
	      "truncated PGM", 0, -1);
	check(ex_image_decode(&im, (const uint8_t *)"GIF89a", 6, err,
			      sizeof err) != 0, "unknown format", 0, -1);
}

/* ---- scale and crop ---- */

static void test_fit(void)
{
	uint8_t out[96 * 96];
	ex_image im = { 192, 96, malloc(192 * 96), "test" };
	/* Left quarter 0, middle half a gradient, right quarter 255: the
	 * centre crop is exactly the middle half. */
	for (int y = 0; y < 96; y++) {
		for (int x = 0; x < 192; x++)
			im.px[y * 192 + x] = (uint8_t)(x < 48 ? 0 : x >= 144 ?
							 255 : 2 * (x - 48));
	}
	ex_image_fit(&im, out, 96, 96);
	int bad = 0;
	for (int i = 0; i < 96 * 96; i++)
		bad += out[i] != 2 * (i % 96);
	check(bad == 0, "crop of a wide image", bad, 0);
	free(im.px);
	/* 2x shrink of a checkerboard: every output pixel averages 0 and
	 * 255 equally. */
	ex_image big = { 192, 192, malloc(192 * 192), "test" };
	for (int i = 0; i < 192 * 192; i++)
		big.px[i] = (uint8_t)(((i % 192) + (i / 192)) % 2 ? 255 : 0);
	ex_image_fit(&big, out, 96, 96);
	bad = 0;
	for (int i = 0; i < 96 * 96; i++)
		bad += out[i] != 128;
	check(bad == 0, "area average", bad, 0);
	free(big.px);
	/* Growing a 48x48 horizontal ramp keeps it a ramp, within range. */
	ex_image small = { 48, 48, malloc(48 * 48), "test" };
	for (int i = 0; i < 48 * 48; i++)
		small.px[i] = (uint8_t)(5 * (i % 48));
	ex_image_fit(&small, out, 96, 96);
	int monotonic = 1;
	for (int i = 1; i < 96 * 96; i++)
		monotonic &= i % 96 == 0 || out[i] >= out[i - 1];
	check(monotonic && out[0] == 0 && out[95] == 235, "bilinear growth",
	      out[95], 235);
	free(small.px);
}

/* ---- WAV ---- */

typedef struct wav_case {
	const char *name;
	unsigned tag, rate, channels, bits;
	int junk; /* LIST chunk before fmt, odd-sized chunk after */
	int extensible; /* WAVE_FORMAT_EXTENSIBLE */
	uint32_t data_field; /* data size to write (0: the real size) */
	int ok; /* expected to open */
} wav_case;

static void write_wav(const char *path, const wav_case *c, int nsamples)
{
	buf b = { 0 }, fmt = { 0 };
	put16le(&fmt, c->extensible ? 0xFFFE : c->tag);
	put16le(&fmt, c->channels);
	put32le(&fmt, c->rate);
	put32le(&fmt, c->rate * c->channels * c->bits / 8);
	put16le(&fmt, c->channels * c->bits / 8);
	put16le(&fmt, c->bits);
	if (c->extensible) {
		put16le(&fmt, 22);
		put16le(&fmt, c->bits);
		put32le(&fmt, 4);
		put16le(&fmt, c->tag);
		put(&fmt, "\x00\x00\x00\x00\x10\x00\x80\x00\x00\xAA\x00\x38"
			  "\x9B\x71", 14);
	}
	put(&b, "RIFF\0\0\0\0WAVE", 12);
	if (c->junk)
		put(&b, "LIST\4\0\0\0abcd", 12);
	put(&b, "fmt ", 4);
	put32le(&b, (uint32_t)fmt.n);
	put(&b, fmt.p, fmt.n);
	if (c->junk)
		put(&b, "junk\3\0\0\0xyz\0", 12);
	put(&b, "data", 4);
	put32le(&b, c->data_field ? c->data_field : (uint32_t)nsamples * 2);
	for (int i = 0; i < nsamples; i++)
		put16le(&b, (unsigned)(i * 7 - 300) & 0xFFFF);
	FILE *f = fopen(path, "wb");
	fwrite(b.p, 1, b.n, f);
	fclose(f);
	free(b.p);
	free(fmt.p);
}

static void test_wav(void)
{
	static const wav_case rows[] = {
		{ "plain", 1, 16000, 1, 16, 0, 0, 0, 1 },
		{ "extra chunks", 1, 16000, 1, 16, 1, 0, 0, 1 },
		{ "extensible", 1, 16000, 1, 16, 0, 1, 0, 1 },
		{ "data size past the end", 1, 16000, 1, 16, 1, 0, 0xFFFFFFFFu, 1 },
		{ "44.1 kHz", 1, 44100, 1, 16, 0, 0, 0, 0 },
		{ "stereo", 1, 16000, 2, 16, 0, 0, 0, 0 },
		{ "8-bit", 1, 16000, 1, 8, 0, 0, 0, 0 },
		{ "float", 3, 16000, 1, 32, 0, 1, 0, 0 },
	};
	const char *path = "test_examples.wav";
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		write_wav(path, &rows[r], 1000);
		ex_wav w;
		char err[300] = "";
		int rc = ex_wav_open(&w, path, err, sizeof err);
		check((rc == 0) == rows[r].ok, rows[r].name, rc, !rows[r].ok);
		if (rc != 0) {
			check(strstr(err, "need 16000 Hz mono 16-bit") != NULL,
			      "WAV message says what is needed", 0, 1);
			continue;
		}
		int16_t s[1200];
		size_t got = ex_wav_read(&w, s, 300);
		got += ex_wav_read(&w, s + got, 1200 - got);
		int bad = 0;
		for (size_t i = 0; i < got; i++)
			bad += s[i] != (int16_t)(i * 7 - 300);
		check(got == 1000 && bad == 0, rows[r].name, (long)got, 1000);
		ex_wav_close(&w);
	}
	FILE *f = fopen(path, "wb");
	fputs("RIFX....WAVE", f);
	fclose(f);
	ex_wav w;
	char err[300];
	check(ex_wav_open(&w, path, err, sizeof err) != 0, "not RIFF", 0, -1);
	remove(path);
}

/* ---- recognizer ---- */

typedef struct rec_case {
	const char *name;
	int8_t first[4]; /* scores of the first n1 results */
	int n1;
	int8_t then[4]; /* scores of the following n2 results */
	int n2;
	const char *want; /* labels reported as new, in order, as "yn..." */
	int32_t first_ms; /* time of the first one (-1: none) */
} rec_case;

static void test_recognizer(void)
{
	static const recognize_config tflm = { 1000, 200, 1500, 3 };
	static const char names[] = "suyn";
	static const rec_case rows[] = {
		/* A steady "yes": reported once a quarter of the window is
		 * covered (t = 260 ms), again after the suppression time. */
		{ "steady yes", { -128, -128, 127, -128 }, 100, { 0 }, 0, "yy", 260 },
		{ "at the threshold", { -128, -128, 72, -128 }, 100, { 0 }, 0, "", -1 },
		{ "just above", { -128, -128, 73, -128 }, 20, { 0 }, 0, "y", 260 },
		{ "yes then no", { -128, -128, 127, -128 }, 30,
		  { -128, -128, -128, 127 }, 60, "yn", 260 },
		{ "silence repeats", { 127, -128, -128, -128 }, 16, { 0 }, 0,
		  "sss", 260 },
	};
	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		recognizer rec;
		recognize_init(&rec, &tflm);
		char got[64] = "";
		int32_t first = -1;
		size_t ng = 0;
		for (int k = 0; k < rows[r].n1 + rows[r].n2; k++) {
			const int8_t *s = k < rows[r].n1 ? rows[r].first :
							   rows[r].then;
			int top;
			uint8_t score;
			if (!recognize_update(&rec, s, 20 * k, &top, &score))
				continue;
			first = first < 0 ? 20 * k : first;
			if (ng < sizeof got - 1)
				got[ng++] = names[top];
		}
		check(!strcmp(got, rows[r].want), rows[r].name, (long)ng,
		      (long)strlen(rows[r].want));
		check(first == rows[r].first_ms, rows[r].name, first,
		      rows[r].first_ms);
	}
	recognizer rec;
	recognize_init(&rec, &tflm);
	int top;
	uint8_t score;
	static const int8_t s[4] = { 0, 0, 0, 0 };
	recognize_update(&rec, s, 100, &top, &score);
	recognize_update(&rec, s, 80, &top, &score);
	check(top == -1, "time going back", top, -1);
}

/* ---- stroke pipeline ---- */

static uint32_t fnv1a(const int8_t *p, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)p[i]) * 16777619u;
	return h;
}

static void test_rasterize(void)
{
	static int8_t pts[150][2];
	int8_t raster[STROKE_IMAGE * STROKE_IMAGE * STROKE_CHANNELS];
	for (int i = 0; i < 93; i++) {
		pts[i][0] = (int8_t)((i * 37) % 101 - 50);
		pts[i][1] = (int8_t)((i * 53) % 89 - 44);
	}
	stroke_rasterize((const int8_t (*)[2])pts, 93, raster);
	check(fnv1a(raster, sizeof raster) == 0xac154d30u,
	      "raster = training rasterizer (zigzag)", 0, 0);
	for (int i = 0; i < 150; i++) {
		pts[i][0] = (int8_t)((i * 3) % 120 - 60);
		pts[i][1] = (int8_t)(40 - (i * i) % 81);
	}
	stroke_rasterize((const int8_t (*)[2])pts, 150, raster);
	check(fnv1a(raster, sizeof raster) == 0x3427651au,
	      "raster = training rasterizer (spiral)", 0, 0);
	int8_t two[2][2] = { { -100, 30 }, { 100, 30 } };
	stroke_rasterize((const int8_t (*)[2])two, 2, raster);
	check(fnv1a(raster, sizeof raster) == 0x826f3b25u,
	      "raster = training rasterizer (two points)", 0, 0);
}

/* Feeds a synthesized recording through a tracker; returns the strokes
 * found, the last one's points in t. */
static int track_synth(stroke_tracker *t, int digit, const synth_options *o)
{
	FILE *f = tmpfile();
	synth_write(digit, o, f);
	rewind(f);
	char line[200];
	int strokes = 0;
	double prev = 0;
	stroke_init(t);
	fgets(line, sizeof line, f); /* header */
	for (int k = 0; fgets(line, sizeof line, f); k++) {
		double v[7];
		sscanf(line, "%lf,%lf,%lf,%lf,%lf,%lf,%lf", v, v + 1, v + 2,
		       v + 3, v + 4, v + 5, v + 6);
		float a[3] = { (float)v[1], (float)v[2], (float)v[3] };
		float g[3] = { (float)v[4], (float)v[5], (float)v[6] };
		strokes += stroke_update(t, a, g, k ? (float)(v[0] - prev) : 0);
		prev = v[0];
	}
	fclose(f);
	return strokes + stroke_finish(t);
}

static void test_tracker(void)
{
	static stroke_tracker a, b;
	synth_options o;
	synth_defaults(&o);
	check(track_synth(&a, 7, &o) == 1, "one stroke for one gesture", 0, 1);
	o.roll_deg = 40;
	check(track_synth(&b, 7, &o) == 1, "one stroke, wand rolled", 0, 1);
	int worst = a.n_points == b.n_points ? 0 : 999;
	for (int i = 0; !worst && i < a.n_points; i++) {
		for (int k = 0; k < 2; k++) {
			int d = abs(a.points[i][k] - b.points[i][k]);
			worst = d > worst ? d : worst;
		}
	}
	check(worst <= 3, "roll compensation: same stroke within 3/128",
	      worst, 3);
	/* A wand at rest (bias and noise only) draws nothing. */
	stroke_init(&a);
	uint32_t seed = 7;
	int strokes = 0;
	for (int k = 0; k < 1000; k++) {
		seed = seed * 1664525u + 1013904223u;
		float noise = (float)(seed >> 8) / 16777216.0f - 0.5f;
		float acc[3] = { 0, 0, 1 }, gyr[3] = { 1.5f + noise, -0.8f, 0.6f };
		strokes += stroke_update(&a, acc, gyr, 0.01f);
	}
	check(strokes == 0 && !stroke_finish(&a), "no stroke at rest", strokes,
	      0);
}

int main(void)
{
	test_inflate();
	test_png();
	test_bmp();
	test_pgm();
	test_fit();
	test_wav();
	test_recognizer();
	test_rasterize();
	test_tracker();
	printf("test_examples: %d passed, %d failed\n", n_pass, n_fail);
	return n_fail != 0;
}
