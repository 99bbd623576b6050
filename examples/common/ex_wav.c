/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ex_wav.c - RIFF WAVE reader for 16 kHz mono 16-bit PCM (see ex_wav.h).
 */
#include "ex_wav.h"

#include <string.h>

#define WAVE_FORMAT_PCM 1
#define WAVE_FORMAT_EXTENSIBLE 0xFFFE

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* Skips n bytes forward (fseek can fail on some streams: read instead). */
static int skip(FILE *f, uint32_t n)
{
	if (fseek(f, (long)n, SEEK_CUR) == 0)
		return 0;
	uint8_t buf[256];
	while (n > 0) {
		size_t k = n < sizeof buf ? n : sizeof buf;
		if (fread(buf, 1, k, f) != k)
			return -1;
		n -= (uint32_t)k;
	}
	return 0;
}

/* Bytes from the current position to the end of the file, or -1. */
static long bytes_left(FILE *f)
{
	long pos = ftell(f);
	if (pos < 0 || fseek(f, 0, SEEK_END) != 0)
		return -1;
	long end = ftell(f);
	if (end < 0 || fseek(f, pos, SEEK_SET) != 0)
		return -1;
	return end - pos;
}

/* The "fmt " chunk body: fills w; returns the format tag (resolved
 * through WAVE_FORMAT_EXTENSIBLE) or -1 if the chunk is malformed. */
static int parse_fmt(ex_wav *w, const uint8_t *b, uint32_t size)
{
	if (size < 16)
		return -1;
	int tag = le16(b);
	w->channels = le16(b + 2);
	w->rate = le32(b + 4);
	w->bits = le16(b + 14);
	if (tag != WAVE_FORMAT_EXTENSIBLE)
		return tag;
	/* cbSize (2), valid bits (2), channel mask (4), sub-format GUID
	 * whose first two bytes are the plain format tag. */
	if (size < 40 || le16(b + 16) < 22)
		return -1;
	return le16(b + 24);
}

/* Walks the chunks up to "data"; returns 0 or -1 with err filled. */
static int find_data(ex_wav *w, const char *path, uint32_t *data_bytes,
		     char *err, size_t err_n)
{
	uint8_t hdr[12];
	int tag = -2; /* no "fmt " chunk seen yet */
	if (fread(hdr, 1, 12, w->f) != 12 || memcmp(hdr, "RIFF", 4) != 0 ||
	    memcmp(hdr + 8, "WAVE", 4) != 0) {
		snprintf(err, err_n, "%s: not a RIFF WAVE file", path);
		return -1;
	}
	for (;;) {
		uint8_t ch[8];
		if (fread(ch, 1, 8, w->f) != 8) {
			snprintf(err, err_n, "%s: no data chunk", path);
			return -1;
		}
		uint32_t size = le32(ch + 4);
		if (memcmp(ch, "data", 4) == 0) {
			*data_bytes = size;
			break;
		}
		uint32_t padded = size + (size & 1);
		if (memcmp(ch, "fmt ", 4) != 0) {
			if (padded < size || skip(w->f, padded) != 0) {
				snprintf(err, err_n, "%s: truncated chunk", path);
				return -1;
			}
			continue;
		}
		uint8_t body[40] = { 0 };
		uint32_t keep = size < sizeof body ? size : sizeof body;
		if (fread(body, 1, keep, w->f) != keep ||
		    skip(w->f, padded - keep) != 0 ||
		    (tag = parse_fmt(w, body, size)) < 0) {
			snprintf(err, err_n, "%s: bad fmt chunk", path);
			return -1;
		}
	}
	if (tag == -2) {
		snprintf(err, err_n, "%s: data chunk before any fmt chunk", path);
		return -1;
	}
	if (tag != WAVE_FORMAT_PCM || w->rate != 16000 || w->channels != 1 ||
	    w->bits != 16) {
		snprintf(err, err_n, "%s: %s, %lu Hz, %u channel(s), %u-bit; "
			 "need 16000 Hz mono 16-bit PCM (convert with: sox IN "
			 "-r 16000 -c 1 -b 16 -e signed-integer OUT.wav)", path,
			 tag == WAVE_FORMAT_PCM ? "PCM" : "not PCM",
			 (unsigned long)w->rate, w->channels, w->bits);
		return -1;
	}
	return 0;
}

int ex_wav_open(ex_wav *w, const char *path, char *err, size_t err_n)
{
	memset(w, 0, sizeof *w);
	w->f = fopen(path, "rb");
	if (!w->f) {
		snprintf(err, err_n, "%s: cannot open", path);
		return -1;
	}
	uint32_t bytes = 0;
	if (find_data(w, path, &bytes, err, err_n) != 0) {
		ex_wav_close(w);
		return -1;
	}
	long avail = bytes_left(w->f);
	if (avail >= 0 && (unsigned long)avail < bytes)
		bytes = (uint32_t)avail;
	w->samples = bytes / 2;
	w->left = w->samples;
	return 0;
}

size_t ex_wav_read(ex_wav *w, int16_t *out, size_t n)
{
	uint8_t buf[512];
	size_t done = 0;
	if (n > w->left)
		n = w->left;
	while (done < n) {
		size_t k = n - done;
		if (k > sizeof buf / 2)
			k = sizeof buf / 2;
		size_t got = fread(buf, 2, k, w->f);
		for (size_t i = 0; i < got; i++)
			out[done + i] = (int16_t)le16(buf + 2 * i);
		done += got;
		if (got < k)
			break;
	}
	w->left -= (uint32_t)done;
	if (done < n)
		w->left = 0;
	return done;
}

void ex_wav_close(ex_wav *w)
{
	if (w->f)
		fclose(w->f);
	w->f = NULL;
}
