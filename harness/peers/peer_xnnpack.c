/* XNNPACK peer (Debian libxnnpack 0.0~git20220216, 2022 operator API).
 *
 *   xnn_initialize(NULL);                                   once per process
 *   xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &op);             once per thread (cached)
 *   xnn_setup_sigmoid_nc_f32(op, n, x, y, NULL);            EVERY call: binds pointers + n
 *   xnn_run_operator(op, NULL);                             threadpool NULL -> caller thread
 *
 * Padding: XNNPACK may read up to XNN_EXTRA_BYTES (16 B = 4 floats) past the
 * end of the input.  To never touch x[n..], the bulk [0, n-4) is run in place
 * (its over-read stays inside x[n-4..n)), and the last min(n,4) elements go
 * through a 8-float stack scratch buffer.  Cost: a second setup+run per call
 * (~tens of ns, measured by tools/bench) plus a 16-byte copy each way.
 * Writes never go past y[n-1] (XNNPACK does not over-write outputs).
 *
 * The operator is mutable state (setup stores pointers in it), so it is kept
 * per thread; a pthread key destructor deletes it at thread exit. */
#include <pthread.h>
#include <string.h>
#include <xnnpack.h>
#include "sigpeers.h"

#define PADF (XNN_EXTRA_BYTES / sizeof(float))

static _Thread_local xnn_operator_t tl_op = NULL;
static pthread_key_t op_key;
static pthread_once_t key_once = PTHREAD_ONCE_INIT;
static int xnn_ok = 0;

static void op_destroy(void *p) { if (p) xnn_delete_operator((xnn_operator_t)p); }
static void make_key(void) { (void)pthread_key_create(&op_key, op_destroy); }

int sigpeer_xnnpack_init(void)
{
    if (xnn_initialize(NULL) != xnn_status_success) return -1;  /* idempotent */
    pthread_once(&key_once, make_key);
    xnn_ok = 1;
    return 0;
}

static xnn_operator_t get_op(void)
{
    if (tl_op) return tl_op;
    if (!xnn_ok && sigpeer_xnnpack_init() != 0) return NULL;
    xnn_operator_t op = NULL;
    if (xnn_create_sigmoid_nc_f32(1, 1, 1, 0, &op) != xnn_status_success) return NULL;
    tl_op = op;
    pthread_setspecific(op_key, op);
    return op;
}

static int run(xnn_operator_t op, const float *x, float *y, size_t n)
{
    if (xnn_setup_sigmoid_nc_f32(op, n, x, y, NULL) != xnn_status_success) return -1;
    return xnn_run_operator(op, NULL) == xnn_status_success ? 0 : -1;
}

void sigpeer_xnnpack(const float *x, float *y, size_t n)
{
    if (n == 0) return;
    xnn_operator_t op = get_op();
    if (!op) {                    /* should not happen after a successful init */
        for (size_t i = 0; i < n; i++) y[i] = __builtin_nanf("");
        return;
    }
    size_t head = n > PADF ? n - PADF : 0;
    if (head) (void)run(op, x, y, head);
    float in[2 * PADF], out[PADF];  /* tail in in[0,PADF), XNN_EXTRA_BYTES of slack after */
    memset(in, 0, sizeof in);
    memcpy(in, x + head, (n - head) * sizeof(float));
    (void)run(op, in, out, n - head);
    memcpy(y + head, out, (n - head) * sizeof(float));
}

/* XNNPACK's own contract: the caller's input stays readable XNN_EXTRA_BYTES
 * past x[n-1] (sigbench's buffers always are; the registry says so with
 * pad_bytes).  One setup + run, as XNNPACK is meant to be used. */
void sigpeer_xnnpack_padded(const float *x, float *y, size_t n)
{
    if (n == 0) return;
    xnn_operator_t op = get_op();
    if (!op) {
        for (size_t i = 0; i < n; i++) y[i] = __builtin_nanf("");
        return;
    }
    (void)run(op, x, y, n);
}

void sigpeer_xnnpack_fini(void)
{
    if (tl_op) {
        xnn_delete_operator(tl_op);
        tl_op = NULL;
        pthread_setspecific(op_key, NULL);
    }
}
