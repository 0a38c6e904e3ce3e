"""Exact and high-precision coefficients for sigmoid approximations.

Everything here is pure standard library (``fractions`` and ``decimal``), so
the generator can recompute every constant it emits without numpy/mpmath.

Series and Padé (exact, in Fractions)
-------------------------------------
s(x) = 1/(1+exp(-x)) = 1/2 + tanh(x/2)/2 and
tanh z = sum_{k>=1} 2^{2k} (2^{2k}-1) B_{2k} z^{2k-1} / (2k)!, hence

    s(x) = 1/2 + sum_{k>=1} (2^{2k}-1) B_{2k} x^{2k-1} / (2k)!

with the Bernoulli numbers B_2 = 1/6, B_4 = -1/30, ...  The [m/n] Padé
approximant p/q (q[0] = 1) is the solution of the Toeplitz system
sum_{j} q_j c_{k-j} = 0 for k = m+1..m+n; p then follows from the first m+1
coefficients of c*q.  Because s - 1/2 is odd the table of s has 2x2 blocks
for m >= n; see :func:`pade` for the list of singular / collapsed orders.

Minimax (Remez exchange, in Decimal)
------------------------------------
We minimise max |w(x) (f(x) - P(x)/Q(x))| over [a, b] (Q = 1 for
polynomials, w = 1/|f| for relative error).  With N free coefficients the
optimum equioscillates on N+1 points (alternation theorem), so each
iteration:

1. *Levelled solve.*  On the reference x_0 < ... < x_N solve
   w_i (f_i - P(x_i)/Q(x_i)) = (-1)^i E.  For polynomials this is linear in
   (coefficients, E).  For rationals it reads
   P(x_i) - (f_i - (-1)^i E/w_i) Q(x_i) = 0: linear in (P, Q) for fixed E,
   so E must make that square matrix singular.  Its determinant is a
   polynomial in E of degree deg Q + 1; we interpolate it, isolate its real
   roots (bisection between the roots of its derivatives) and keep the root
   nearest the previous E (0 at the start) whose Q has no zero on the
   interval.  This is the eigenvalue problem of the textbook method solved
   without eigenvalues; the simpler "freeze E inside E*Q and iterate" fixed
   point diverges as soon as |Q| grows (tanh on [0, 8]).
2. *Locating the alternation.*  The levelled error changes sign between
   consecutive reference points, so one zero lies in each gap (found by
   bisection).  The zeros cut [a, b] into N+1 lobes; each lobe is sampled on
   a small uniform grid, every local maximum of |error| is refined by golden
   section search, and the candidates are reduced to N+1 alternating points
   (merge same-sign neighbours keeping the larger, then drop the smallest
   interior lobe pairs or the smaller end) -- the multiple exchange.
3. *Stop* when the largest extremum exceeds |E| by less than ``tol``
   relative (de la Vallée Poussin: |E| <= best error <= max |error|).

Odd/even fits of odd/even functions on [-c, c] are folded onto [0, c]
(the error has the same parity, so alternation on [0, c] is enough); the
reference then lists only the non-negative half.  The variable is scaled
by max(|a|, |b|) internally so the monomial systems stay well conditioned.

Initial reference: Chebyshev extrema (see :func:`_initial_reference`).

Precision: all Remez arithmetic runs in a private decimal context with
``digits`` significant digits (default 60).  Levelled errors of interest
are >= 1e-20, so 60 digits leave ~40 digits for conditioning and
cancellation; nothing depends on the caller's decimal context.  The
extrema are located to ~1e-10 of their lobe, so the final E is optimal to
~1e-20 relative -- far beyond what float coefficients can use.

Known failures (RemezError): orders whose best approximation is
degenerate (defective), e.g. a full (m, n) rational of s with m > n, m even,
n odd -- the same 2x2 blocks as the Padé table.  Use the (m-1, n-1) order
(same error) or the odd/even structure instead.

Floats
------
:func:`to_hexfloat` rounds a Fraction/Decimal exactly (round half to even,
including subnormals) to binary32/binary64 and prints a C hex-float
literal; going through Python float for binary32 would round twice.
"""
from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_EVEN,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
    localcontext,
)
from fractions import Fraction
from functools import cached_property
from typing import Callable, Iterable, Sequence, Union

Number = Union[int, float, str, Fraction, Decimal]
DecFunc = Callable[[Decimal], Decimal]

DEFAULT_DIGITS = 60
# Golden-section steps per extremum: shrinks a bracket of 1/8 lobe by
# 0.618^40 ~ 4e-9, so |error| there is exact to ~1e-17 relative (quadratic
# peak) -- far below the 1e-12 stopping tolerance.
_GOLDEN_STEPS = 40
# Bisection steps per zero: zeros only delimit lobes, 2^-30 of a gap is plenty.
_BISECT_STEPS = 30
# Uniform samples per lobe; each lobe normally holds one extremum, 16 points
# also catch an unexpected second one.
_LOBE_SAMPLES = 16


class RemezError(ArithmeticError):
    """The exchange did not converge (lost alternation, pole, singular system)."""


# ---------------------------------------------------------------------------
# Exact series and Padé
# ---------------------------------------------------------------------------

def bernoulli(n: int) -> list[Fraction]:
    """B_0..B_n exactly, with B_1 = -1/2.

    Uses sum_{k=0}^{m} C(m+1, k) B_k = 0; O(n^2) Fraction ops is nothing
    for the orders (< 100) a generator needs.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    b = [Fraction(0)] * (n + 1)
    b[0] = Fraction(1)
    for m in range(1, n + 1):
        b[m] = -sum(math.comb(m + 1, k) * b[k] for k in range(m)) / (m + 1)
    return b


def maclaurin(degree: int) -> list[Fraction]:
    """Exact Maclaurin coefficients c_0..c_degree of s(x) = 1/(1+exp(-x)).

    Even coefficients above c_0 vanish because s - 1/2 is odd.
    """
    if degree < 0:
        raise ValueError("degree must be >= 0")
    b = bernoulli(degree + 1)
    c = [Fraction(0)] * (degree + 1)
    c[0] = Fraction(1, 2)
    for k in range(1, (degree + 1) // 2 + 1):
        c[2 * k - 1] = (4**k - 1) * b[2 * k] / math.factorial(2 * k)
    return c


def pade(m: int, n: int, *, strict: bool = False) -> tuple[list[Fraction], list[Fraction]]:
    """Exact [m/n] Padé approximant p/q of s(x) about 0, q[0] = 1.

    p - s*q = O(x^(m+n+1)).  Because s = 1/2 + (odd function), for m >= n
    the table mirrors that of tanh(x/2) and has 2x2 blocks:

    * m > n, m even, n odd: the Toeplitz system is singular (no [m/n] with
      q(0) = 1 exists) -> ValueError.  E.g. [2/1], [4/1], [4/3], [8/7].
    * m >= n, m odd, n odd: q[n] == 0, the result equals [m/(n-1)]
      (e.g. [7/7] == [7/6]).
    * m > n, m even, n even: p[m] == 0, the result equals [(m-1)/n]
      (e.g. [8/6] == [7/6]).
    * m < n, m == n even, or m odd with n even: non-degenerate
      (for m < n, 1/s = 1 + exp(-x) has the normal Padé table of exp).

    Collapsed orders are returned as-is (trailing zero kept) unless
    ``strict``, which raises ValueError for them too.
    """
    if m < 0 or n < 0:
        raise ValueError("Padé orders must be >= 0")
    c = maclaurin(m + n)

    def coef(i: int) -> Fraction:
        return c[i] if i >= 0 else Fraction(0)

    rows = [[coef(k - j) for j in range(1, n + 1)] for k in range(m + 1, m + n + 1)]
    rhs = [-coef(k) for k in range(m + 1, m + n + 1)]
    try:
        q = [Fraction(1)] + _solve(rows, rhs)
    except ZeroDivisionError:
        raise ValueError(
            f"Padé [{m}/{n}] of the sigmoid does not exist: the linear system is "
            f"singular (m > n, m even, n odd lies in a 2x2 block of the table "
            f"because s(x) - 1/2 is odd); use [{m - 1}/{n - 1}] or [{m - 1}/{n}]"
        ) from None
    p = [sum(q[j] * coef(k - j) for j in range(min(k, n) + 1)) for k in range(m + 1)]
    if strict and ((n and q[n] == 0) or (m and p[m] == 0)):
        raise ValueError(
            f"Padé [{m}/{n}] of the sigmoid is degenerate (collapses to a lower "
            f"order because s(x) - 1/2 is odd): p[{m}] = {p[m]}, q[{n}] = {q[n]}"
        )
    return p, q


def _solve(a: list[list], b: list) -> list:
    """Gaussian elimination with partial pivoting (Fraction or Decimal).

    Raises ZeroDivisionError on an exactly zero pivot; callers translate it.
    Works on copies so inputs stay untouched (pure function).
    """
    n = len(b)
    rows = [list(r) + [v] for r, v in zip(a, b)]
    for col in range(n):
        piv = max(range(col, n), key=lambda i: abs(rows[i][col]))
        if rows[piv][col] == 0:
            raise ZeroDivisionError("singular system")
        rows[col], rows[piv] = rows[piv], rows[col]
        pr = rows[col]
        for i in range(col + 1, n):
            factor = rows[i][col] / pr[col]
            if factor:
                rows[i] = [x - factor * y for x, y in zip(rows[i], pr)]
    out = [None] * n
    for i in reversed(range(n)):
        acc = rows[i][n] - sum(rows[i][j] * out[j] for j in range(i + 1, n))
        out[i] = acc / rows[i][i]
    return out


# ---------------------------------------------------------------------------
# Decimal helpers (use the caller's / Remez's current decimal context)
# ---------------------------------------------------------------------------

def _context(digits: int) -> Context:
    """A fully specified context so results never depend on global defaults."""
    return Context(prec=digits, rounding=ROUND_HALF_EVEN, Emin=-999999, Emax=999999,
                   traps=[InvalidOperation, DivisionByZero, Overflow])


def exp_dec(x: Decimal) -> Decimal:
    """exp(x), correctly rounded in the current context."""
    return Decimal(x).exp()


def exp2_dec(x: Decimal) -> Decimal:
    """2**x, for fitting the polynomial of a table-based exp2."""
    return Decimal(2) ** Decimal(x)


def sigmoid_dec(x: Decimal) -> Decimal:
    """s(x) = 1/(1+exp(-x)); no cancellation for either sign."""
    return 1 / (1 + exp_dec(-Decimal(x)))


def sigmoid_minus_half_dec(x: Decimal) -> Decimal:
    """s(x) - 1/2 = tanh(x/2)/2, accurate in *relative* terms near 0.

    (1 - e^-x) / (2 (1 + e^-x)) loses log10(1/|x|) digits to cancellation,
    so it is computed with prec/3 guard digits; below 10^-(prec/3) the
    series x/4 - x^3/48 is exact to ~x^4 relative, i.e. beyond precision.
    """
    x = Decimal(x)
    prec = _current_prec()
    if abs(x) < Decimal(10) ** (-(prec // 3)):
        return x / 4 - x * x * x / 48
    with localcontext() as ctx:
        ctx.prec = prec + prec // 3 + 5
        t = exp_dec(-x)
        r = (1 - t) / (2 * (1 + t))
    return +r


def tanh_dec(x: Decimal) -> Decimal:
    """tanh(x) = 2 (s(2x) - 1/2), same cancellation handling."""
    return 2 * sigmoid_minus_half_dec(2 * Decimal(x))


def _current_prec() -> int:
    with localcontext() as ctx:
        return ctx.prec


def _to_dec(v: Number) -> Decimal:
    """v rounded to the current context (Fractions via one division)."""
    if isinstance(v, Fraction):
        return Decimal(v.numerator) / Decimal(v.denominator)
    return +Decimal(v)


def _horner(coeffs: Sequence[Decimal], x: Decimal) -> Decimal:
    acc = Decimal(0)
    for c in reversed(coeffs):
        acc = acc * x + c
    return acc


# ---------------------------------------------------------------------------
# Minimax results
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class MinimaxResult:
    """A fitted approximation P/Q of f on [a, b] and its certificate.

    ``numerator[k]`` / ``denominator[k]`` are the coefficients of x**k
    (zeros kept for odd/even structures); ``denominator == (1,)`` for
    polynomials.  ``reference``/``reference_errors`` are the final
    alternation points and the signed weighted error there (non-negative
    half only for folded odd/even fits).
    """

    numerator: tuple[Fraction, ...]
    denominator: tuple[Fraction, ...]
    levelled_error: Decimal
    reference: tuple[Decimal, ...]
    reference_errors: tuple[Decimal, ...]
    iterations: int
    f: DecFunc
    a: Decimal
    b: Decimal
    rel: bool = False
    weight: DecFunc | None = None
    digits: int = DEFAULT_DIGITS

    @cached_property
    def _dec_coeffs(self) -> tuple[list[Decimal], list[Decimal]]:
        with localcontext(_context(self.digits)):
            return ([_to_dec(c) for c in self.numerator],
                    [_to_dec(c) for c in self.denominator])

    def evaluate(self, x: Number) -> Decimal:
        """P(x)/Q(x) with the stored (exact) coefficients."""
        num, den = self._dec_coeffs
        with localcontext(_context(self.digits)):
            x = _to_dec(x)
            return _horner(num, x) / _horner(den, x)

    def error_at(self, x: Number) -> Decimal:
        """Signed weighted error w(x) (f(x) - P(x)/Q(x)).

        For relative error at a zero of f (x = 0 of an odd fit) the error is
        0/0; it is reported as 0 -- the neighbouring samples carry the limit.
        """
        with localcontext(_context(self.digits)):
            x = _to_dec(x)
            return _weighted_error(self.f, self.rel, self.weight, x, self.evaluate(x))

    def max_error(self, samples: int | Iterable[Number] = 2001) -> Decimal:
        """Largest |weighted error| on a uniform grid of ``samples`` points
        over [a, b] (or on the given points): the honest achieved bound."""
        if isinstance(samples, int):
            if samples < 2:
                raise ValueError("need at least 2 samples")
            with localcontext(_context(self.digits)):
                step = (self.b - self.a) / (samples - 1)
                points = [self.a + step * i for i in range(samples - 1)] + [self.b]
        else:
            points = list(samples)
        return max(abs(self.error_at(x)) for x in points)


def _weighted_error(f: DecFunc, rel: bool, weight: DecFunc | None,
                    x: Decimal, approx: Decimal) -> Decimal:
    fx = f(x)
    err = fx - approx
    if rel:
        if fx == 0:
            if err == 0:
                return Decimal(0)
            raise ValueError(f"relative error undefined: f({x}) == 0")
        err = err / abs(fx)
    if weight is not None:
        err = err * weight(x)
    return err


# ---------------------------------------------------------------------------
# Remez engine
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Problem:
    """Folded fitting problem on [lo, hi] in the scaled variable u = x/scale."""

    f: DecFunc
    lo: Decimal
    hi: Decimal
    p_powers: tuple[int, ...]
    q_powers: tuple[int, ...]  # powers of the denominator besides the constant 1
    rel: bool
    weight: DecFunc | None
    scale: Decimal

    @property
    def nparams(self) -> int:
        return len(self.p_powers) + len(self.q_powers)

    def powers(self, x: Decimal) -> list[Decimal]:
        u = x / self.scale
        out = [Decimal(1)]
        for _ in range(max(self.p_powers + self.q_powers + (0,))):
            out.append(out[-1] * u)
        return out

    def approx(self, pc: Sequence[Decimal], qc: Sequence[Decimal], x: Decimal) -> Decimal:
        pw = self.powers(x)
        num = sum((c * pw[k] for c, k in zip(pc, self.p_powers)), Decimal(0))
        return num / self._den(qc, pw)

    def denominator(self, qc: Sequence[Decimal], x: Decimal) -> Decimal:
        return self._den(qc, self.powers(x))

    def _den(self, qc: Sequence[Decimal], pw: Sequence[Decimal]) -> Decimal:
        return 1 + sum((c * pw[k] for c, k in zip(qc, self.q_powers)), Decimal(0))

    def error(self, pc, qc, x: Decimal) -> Decimal:
        return _weighted_error(self.f, self.rel, self.weight, x, self.approx(pc, qc, x))

    def inv_weight(self, x: Decimal, fx: Decimal) -> Decimal:
        """1/w(x): the levelled equations read f - P/Q = (-1)^i E / w."""
        w = Decimal(1) / abs(fx) if self.rel else Decimal(1)
        if self.weight is not None:
            w *= self.weight(x)
        return 1 / w


def _levelled_solve(prob: _Problem, ref: Sequence[Decimal], e_near: Decimal):
    """Coefficients and E with w_i (f_i - P/Q(x_i)) = (-1)^i E on ``ref``.

    Polynomials: one linear solve.  Rationals: the levelled system is linear
    in the coefficients for fixed E, so E must be a root of
    D(E) = det[P-columns | -(f_i - (-1)^i E/w_i) * Q-columns], a polynomial
    of degree len(q_powers)+1 in E.  (Plain fixed-point iteration on E
    diverges once |Q| grows, e.g. for tanh on [0, 8].)  We interpolate D,
    isolate its real roots and take the one closest to ``e_near`` (the
    previous level, 0 at the start) whose Q has no pole on the interval.
    """
    fx = [prob.f(x) for x in ref]
    iw = [prob.inv_weight(x, v) for x, v in zip(ref, fx)]
    pws = [prob.powers(x) for x in ref]
    signs = [1 if i % 2 == 0 else -1 for i in range(len(ref))]

    def solve_at(e_old: Decimal):
        # Q = 1 + Q~; with E frozen inside E*Q~ the system is linear in
        # (P, Q~, E) and returns E == e_old exactly when e_old is a root.
        rows = [[pw[k] for k in prob.p_powers]
                + [-(v - sg * e_old * s) * pw[k] for k in prob.q_powers]
                + [sg * s]
                for v, s, pw, sg in zip(fx, iw, pws, signs)]
        try:
            sol = _solve(rows, fx)
        except ZeroDivisionError:
            raise RemezError("singular levelled system (reference points collapsed?)") from None
        return sol[:len(prob.p_powers)], sol[len(prob.p_powers):-1], sol[-1]

    if not prob.q_powers:
        return solve_at(Decimal(0))

    def det_at(e: Decimal) -> Decimal:
        rows = [[pw[k] for k in prob.p_powers]
                + [-(v - sg * e * s) * pw[k] for k in (0,) + prob.q_powers]
                for v, s, pw, sg in zip(fx, iw, pws, signs)]
        return _det(rows)

    degree = len(prob.q_powers) + 1
    unit = max(abs(v / s) for v, s in zip(fx, iw))  # natural size of E
    nodes = [unit * k for k in range(degree + 1)]
    poly = _interpolate(nodes, [det_at(e) for e in nodes])
    roots = sorted(_real_roots(poly), key=lambda r: abs(r - e_near))
    for root in roots:
        pc, qc, e = solve_at(_secant_polish(det_at, root, unit))
        if _pole_free(prob, qc):
            return pc, qc, e
    raise RemezError(f"none of the {len(roots)} real levelled solutions on this reference "
                     "is pole-free; try other degrees or a smaller interval")


def _secant_polish(func: DecFunc, x: Decimal, unit: Decimal) -> Decimal:
    """Refine a root of ``func`` found on its interpolant.

    The interpolant's low coefficients come from differences of values of
    size ~unit^degree, so a root far below ``unit`` (E ~ 1e-17 unit) can
    lose ~20 digits; a few secant steps on the true determinant restore them.
    """
    prec = _current_prec()
    step = max(abs(x), unit * Decimal(10) ** (-prec // 2)) * Decimal(10) ** (-prec // 3)
    x0, x1 = x, x + step
    f0, f1 = func(x0), func(x1)
    for _ in range(10):
        if f1 == f0:
            break
        x0, x1 = x1, x1 - f1 * (x1 - x0) / (f1 - f0)
        f0, f1 = f1, func(x1)
        if abs(x1 - x0) <= abs(x1) * Decimal(10) ** (8 - prec):
            break
    return x1


def _det(rows: list[list[Decimal]]) -> Decimal:
    """Determinant by partial-pivoting elimination (0 if exactly singular)."""
    rows = [list(r) for r in rows]
    n, det = len(rows), Decimal(1)
    for col in range(n):
        piv = max(range(col, n), key=lambda i: abs(rows[i][col]))
        if rows[piv][col] == 0:
            return Decimal(0)
        if piv != col:
            rows[col], rows[piv] = rows[piv], rows[col]
            det = -det
        pr = rows[col]
        det *= pr[col]
        for i in range(col + 1, n):
            factor = rows[i][col] / pr[col]
            rows[i] = [x - factor * y for x, y in zip(rows[i], pr)]
    return det


def _interpolate(nodes: Sequence[Decimal], values: Sequence[Decimal]) -> list[Decimal]:
    """Monomial coefficients (low to high) of the interpolating polynomial.

    Newton divided differences, then expansion; degrees here are <= ~10.
    """
    n = len(nodes)
    dd = list(values)
    for j in range(1, n):
        for i in range(n - 1, j - 1, -1):
            dd[i] = (dd[i] - dd[i - 1]) / (nodes[i] - nodes[i - j])
    coeffs = [Decimal(0)] * n
    for i in reversed(range(n)):
        # coeffs <- coeffs * (x - nodes[i]) + dd[i]
        shifted = [Decimal(0)] + coeffs[:-1]
        coeffs = [s - nodes[i] * c for s, c in zip(shifted, coeffs)]
        coeffs[0] += dd[i]
    return coeffs


def _real_roots(coeffs: Sequence[Decimal]) -> list[Decimal]:
    """All real roots of a small polynomial, by derivative-based isolation.

    Real roots of p are separated by those of p', so roots of p^(k) bracket
    the monotone pieces of p^(k-1); each piece with a sign change holds
    exactly one root, found by bisection to full precision.  Pure Decimal,
    deterministic, no complex arithmetic.
    """
    coeffs = list(coeffs)
    while len(coeffs) > 1 and coeffs[-1] == 0:
        coeffs.pop()
    if len(coeffs) <= 1:
        return []
    lead = coeffs[-1]
    bound = 1 + max(abs(c / lead) for c in coeffs[:-1])  # Cauchy bound
    derivs = [coeffs]
    while len(derivs[-1]) > 2:
        d = derivs[-1]
        derivs.append([k * d[k] for k in range(1, len(d))])
    roots = [-derivs[-1][0] / derivs[-1][1]]  # the linear one
    steps = 4 * _current_prec() + 4 * len(str(int(bound)))  # ~ log2(range / ulp)
    for poly in reversed(derivs[:-1]):
        edges = [-bound] + [r for r in roots if -bound < r < bound] + [bound]
        roots = []
        for lo, hi in zip(edges, edges[1:]):
            plo, phi = _horner(poly, lo), _horner(poly, hi)
            if plo == 0:
                roots.append(lo)
            elif (plo > 0) != (phi > 0):
                for _ in range(steps):
                    mid = (lo + hi) / 2
                    if mid in (lo, hi):  # bracket is one ulp wide
                        break
                    pm = _horner(poly, mid)
                    if (pm > 0) == (plo > 0):
                        lo, plo = mid, pm
                    else:
                        hi = mid
                roots.append((lo + hi) / 2)
    return sorted(set(roots))


def _pole_free(prob: _Problem, qc: Sequence[Decimal]) -> bool:
    """Q keeps one sign on [lo, hi] (checked on 400 points; Q is cheap)."""
    n = 400
    vals = [prob.denominator(qc, prob.lo + (prob.hi - prob.lo) * i / n) for i in range(n + 1)]
    return all(v != 0 and (v > 0) == (vals[0] > 0) for v in vals)


def _initial_reference(prob: _Problem, parity: int | None, warp: bool = False) -> list[Decimal]:
    """Extrema of the Chebyshev polynomial whose alternation the fit mimics.

    Plain fits: T_N on [lo, hi] (N+1 points).  Odd/even fits on [0, c]
    (``parity`` given): the non-negative extrema of T_{2N+1} (odd) or T_{2N}
    (even), which exclude / include 0 exactly like the optimum does.
    ``warp`` moves interior points right by up to 1/80 of the interval:
    a symmetric reference makes e.g. a full-degree fit of 1/2 + (odd f)
    look exactly representable (E = 0), the asymmetric one does not.
    """
    n = prob.nparams
    pi = _pi()
    if parity is None:
        ts = [(1 - _cos(pi * i / n)) / 2 for i in range(n + 1)]
        if warp:
            ts = [t + t * (1 - t) / 20 for t in ts]  # monotone: slope >= 0.95
        return [prob.lo + (prob.hi - prob.lo) * t for t in ts]
    denom = 2 * n + (1 if parity == 1 else 0)
    pts = [prob.hi * _cos(pi * j / denom) for j in range(n + 1)]
    return sorted(max(p, prob.lo) for p in pts)


def _pi() -> Decimal:
    """pi to the current precision (Machin formula, integer arithmetic)."""
    digits = _current_prec() + 10
    unity = 10 ** digits

    def arctan_inv(k: int) -> int:
        total, term, n, sign = 0, unity // k, 1, 1
        while term:
            total += sign * (term // n)
            term //= k * k
            n += 2
            sign = -sign
        return total

    pi = 4 * (4 * arctan_inv(5) - arctan_inv(239))
    return +(Decimal(pi) / Decimal(unity))


def _cos(x: Decimal) -> Decimal:
    """cos by Taylor series; only used for reference points in [0, pi]."""
    with localcontext() as ctx:
        ctx.prec += 5
        term, total, k, x2 = Decimal(1), Decimal(1), 0, x * x
        while True:
            k += 2
            term = -term * x2 / (k * (k - 1))
            if abs(term) < Decimal(10) ** (-ctx.prec):
                break
            total += term
    return +total


def _bisect_zero(err: DecFunc, lo: Decimal, hi: Decimal, elo: Decimal) -> Decimal:
    for _ in range(_BISECT_STEPS):
        mid = (lo + hi) / 2
        em = err(mid)
        if (em > 0) == (elo > 0):
            lo, elo = mid, em
        else:
            hi = mid
    return (lo + hi) / 2


def _golden_max(g: DecFunc, lo: Decimal, hi: Decimal) -> tuple[Decimal, Decimal]:
    """Maximise g on [lo, hi] (assumed unimodal there)."""
    inv_phi = (Decimal(5).sqrt() - 1) / 2
    x1, x2 = hi - inv_phi * (hi - lo), lo + inv_phi * (hi - lo)
    g1, g2 = g(x1), g(x2)
    for _ in range(_GOLDEN_STEPS):
        if g1 < g2:
            lo, x1, g1 = x1, x2, g2
            x2 = lo + inv_phi * (hi - lo)
            g2 = g(x2)
        else:
            hi, x2, g2 = x2, x1, g1
            x1 = hi - inv_phi * (hi - lo)
            g1 = g(x1)
    return (x1, g1) if g1 >= g2 else (x2, g2)


def _extrema(err: DecFunc, ref: Sequence[Decimal], lo: Decimal,
             hi: Decimal) -> list[tuple[Decimal, Decimal]]:
    """All refined local extrema (x, err(x)) of err, lobe by lobe."""
    eref = [err(x) for x in ref]
    for e0, e1 in zip(eref, eref[1:]):
        if (e0 > 0) == (e1 > 0) or e0 == 0:
            raise RemezError("levelled error does not alternate on the reference "
                             "(insufficient precision or degenerate order)")
    zeros = [_bisect_zero(err, x0, x1, e0) for x0, x1, e0 in zip(ref, ref[1:], eref)]
    bounds = [lo] + zeros + [hi]
    grid = []
    for l, r in zip(bounds, bounds[1:]):
        grid.extend(l + (r - l) * k / _LOBE_SAMPLES for k in range(_LOBE_SAMPLES))
    grid.append(hi)
    vals = [err(x) for x in grid]
    found = []
    last = len(grid) - 1
    for i, v in enumerate(vals):
        left = abs(vals[i - 1]) if i > 0 else Decimal(-1)
        right = abs(vals[i + 1]) if i < last else Decimal(-1)
        if v == 0 or abs(v) < left or abs(v) < right:
            continue
        sign = 1 if v > 0 else -1
        x, g = _golden_max(lambda t: sign * err(t), grid[max(i - 1, 0)], grid[min(i + 1, last)])
        if sign * v >= g:  # endpoint maxima: golden never evaluates the end itself
            x, g = grid[i], sign * v
        found.append((x, sign * g))
    found.sort(key=lambda t: t[0])
    return found


def _alternating(cands: list[tuple[Decimal, Decimal]], npts: int) -> list[tuple[Decimal, Decimal]]:
    """Reduce extrema to ``npts`` alternating ones, keeping the global max."""
    merged: list[tuple[Decimal, Decimal]] = []
    for x, e in cands:
        if merged and (merged[-1][1] > 0) == (e > 0):
            if abs(e) > abs(merged[-1][1]):
                merged[-1] = (x, e)
        else:
            merged.append((x, e))
    if len(merged) < npts:
        raise RemezError(f"only {len(merged)} alternating extrema, need {npts} "
                         "(order too high for this function/interval, or degenerate)")
    while len(merged) > npts:
        i = min(range(len(merged)), key=lambda k: abs(merged[k][1]))
        if len(merged) - npts >= 2 and 0 < i < len(merged) - 1:
            # drop a small interior lobe; its neighbours now share a sign
            left, right = merged[i - 1], merged[i + 1]
            merged[i - 1:i + 2] = [left if abs(left[1]) >= abs(right[1]) else right]
        elif abs(merged[0][1]) <= abs(merged[-1][1]):
            merged.pop(0)
        else:
            merged.pop()
    return merged


def _remez(prob: _Problem, parity: int | None, max_iter: int, tol: Decimal):
    """The exchange loop; returns (p, q~, E, reference, errors, iterations)."""
    ref = _initial_reference(prob, parity)
    unit = max(abs(v / prob.inv_weight(x, v)) for x, v in ((x, prob.f(x)) for x in ref))
    negligible = unit * Decimal(10) ** (-(2 * _current_prec() // 3))
    e_prev = Decimal(0)
    deviation = None
    for it in range(1, max_iter + 1):
        pc, qc, e = _levelled_solve(prob, ref, e_prev)
        if abs(e) <= negligible:
            if it == 1 and parity is None:
                ref = _initial_reference(prob, parity, warp=True)
                continue
            # f is exactly representable (up to working precision)
            return pc, qc, Decimal(0), ref, [prob.error(pc, qc, x) for x in ref], it
        new = _alternating(_extrema(lambda x: prob.error(pc, qc, x), ref, prob.lo, prob.hi),
                           prob.nparams + 1)
        emax = max(abs(v) for _, v in new)
        deviation = (emax - abs(e)) / abs(e)
        if deviation <= tol:
            return pc, qc, e, [x for x, _ in new], [v for _, v in new], it
        ref, e_prev = [x for x, _ in new], e
    raise RemezError(f"no convergence in {max_iter} iterations "
                     f"(last max|err|/|E| - 1 = {deviation:.3e})")


def _fold(f: DecFunc, a: Decimal, b: Decimal, parity: int | None,
          digits: int) -> tuple[Decimal, Decimal, bool]:
    """Search interval for the engine; folds symmetric odd/even problems.

    An odd fit has zero error at 0 for absolute error, and a 0/0 limit for
    relative error, so the folded interval starts at c*10^-(digits/3): close
    enough to 0 to see the relative-error limit, far enough to keep
    digits/3 correct digits in f(x).
    """
    if parity is None:
        return a, b, False
    if a == -b:
        _check_parity(f, b, parity, digits)
        lo = Decimal(0)
    elif a >= 0:
        lo = a
    else:
        raise ValueError("odd/even fits need a symmetric interval [-c, c] or a >= 0")
    starts_at_zero = lo == 0
    if parity == 1 and starts_at_zero:
        lo = b * Decimal(10) ** (-(digits // 3))
    return lo, b, starts_at_zero


def _check_parity(f: DecFunc, c: Decimal, parity: int, digits: int) -> None:
    """Folding is only valid if f really is odd/even; spot-check 3 points."""
    tol = Decimal(10) ** (-(digits // 2))
    for k in (1, 3, 7):
        x = c * k / 7
        fp, fm = f(x), f(-x)
        expect = -fp if parity == 1 else fp
        if abs(fm - expect) > tol * (abs(fp) + 1):
            kind = "odd" if parity == 1 else "even"
            raise ValueError(f"f is not {kind} (f({-x}) != {'-' if parity else ''}f({x})); "
                             f"fit f - f(0) or drop the parity restriction")


def _finish(prob: _Problem, sol, f, a, b, rel, weight, digits) -> MinimaxResult:
    """Unscale coefficients (x^k coefficient = a_k / scale^k), densify."""
    pc, qc, e, ref, errs, it = sol
    deg_p = max(prob.p_powers)
    deg_q = max(prob.q_powers + (0,))
    num = [Fraction(0)] * (deg_p + 1)
    den = [Fraction(1)] + [Fraction(0)] * deg_q
    for c, k in zip(pc, prob.p_powers):
        num[k] = Fraction(+(c / prob.scale ** k))
    for c, k in zip(qc, prob.q_powers):
        den[k] = Fraction(+(c / prob.scale ** k))
    return MinimaxResult(tuple(num), tuple(den), abs(e), tuple(ref), tuple(errs), it,
                         f, a, b, rel, weight, digits)


def minimax_poly(f: DecFunc, a: Number, b: Number, degree: int, *, rel: bool = False,
                 odd: bool = False, even: bool = False, weight: DecFunc | None = None,
                 digits: int = DEFAULT_DIGITS, max_iter: int = 60,
                 tol: Number = Decimal("1e-12")) -> MinimaxResult:
    """Best polynomial approximation of degree <= ``degree`` to f on [a, b].

    Minimises max |w (f - p)| with w = weight(x) * (1/|f(x)| if rel).
    ``odd``/``even`` keep only odd/even powers (f must then be odd/even on
    a symmetric interval, or the interval must lie in x >= 0).
    Raises RemezError if the exchange fails to converge.
    """
    if odd and even:
        raise ValueError("odd and even are exclusive")
    parity = 1 if odd else 0 if even else None
    powers = tuple(k for k in range(degree + 1) if parity is None or k % 2 == parity)
    if not powers:
        raise ValueError(f"no admissible powers for degree {degree}")
    return _minimax(f, a, b, powers, (), parity, rel, weight, digits, max_iter, tol)


def minimax_rational(f: DecFunc, a: Number, b: Number, num_degree: int, den_degree: int, *,
                     rel: bool = False, odd_even: bool = False,
                     weight: DecFunc | None = None, digits: int = DEFAULT_DIGITS,
                     max_iter: int = 60, tol: Number = Decimal("1e-12")) -> MinimaxResult:
    """Best rational approximation P/Q, deg P <= num_degree, deg Q <= den_degree.

    ``odd_even``: P odd, Q even (num_degree odd, den_degree even) for odd f
    such as s(x) - 1/2 = tanh(x/2)/2 (so s ~ 1/2 + P/Q).  Raises RemezError
    when the exchange cannot converge (degenerate orders, poles, no real
    levelled solution); lower degrees or a narrower interval usually help.
    """
    if num_degree < 0 or den_degree < 0:
        raise ValueError("degrees must be >= 0")
    if odd_even:
        if num_degree % 2 != 1 or den_degree % 2 != 0:
            raise ValueError("odd_even needs an odd num_degree and an even den_degree")
        p_powers = tuple(range(1, num_degree + 1, 2))
        q_powers = tuple(range(2, den_degree + 1, 2))
        parity = 1
    else:
        p_powers = tuple(range(num_degree + 1))
        q_powers = tuple(range(1, den_degree + 1))
        parity = None
    return _minimax(f, a, b, p_powers, q_powers, parity, rel, weight, digits, max_iter, tol)


def _minimax(f, a, b, p_powers, q_powers, parity, rel, weight, digits, max_iter, tol):
    with localcontext(_context(digits)):
        a, b, tol = _to_dec(a), _to_dec(b), _to_dec(tol)
        if not a < b:
            raise ValueError("need a < b")
        lo, hi, starts_at_zero = _fold(f, a, b, parity, digits)
        prob = _Problem(f, lo, hi, p_powers, q_powers, rel, weight, max(abs(a), abs(b)))
        sol = _remez(prob, parity if starts_at_zero else None, max_iter, tol)
        return _finish(prob, sol, f, a, b, rel, weight, digits)


# ---------------------------------------------------------------------------
# Binary floating point rounding and C literals
# ---------------------------------------------------------------------------

# (significand bits incl. hidden bit, minimum normal exponent, maximum exponent, C suffix)
_FORMATS = {"f32": (24, -126, 127, "f"), "f64": (53, -1022, 1023, "")}


def _to_fraction(v: Number) -> Fraction:
    finite = v.is_finite() if isinstance(v, Decimal) else not isinstance(v, float) or math.isfinite(v)
    if not finite:
        raise ValueError(f"cannot round non-finite value {v!r}")
    if isinstance(v, (int, float, Fraction, Decimal, str)):
        return Fraction(v)
    raise TypeError(f"unsupported type {type(v).__name__}")


def _round_binary(v: Number, precision: str) -> tuple[int, int, int]:
    """(sign, M, q) with M * 2^q the nearest float, ties to even.

    The quantum 2^q is fixed by the binade (or by the subnormal range), so
    one exact integer division with a half-even remainder test is the whole
    rounding; a carry to 2^p just moves to the next binade.
    """
    try:
        p, emin, emax, _ = _FORMATS[precision]
    except KeyError:
        raise ValueError(f"precision must be 'f32' or 'f64', not {precision!r}") from None
    x = _to_fraction(v)
    # Fractions have no -0; keep the sign of a Decimal/float negative zero.
    negative_zero = isinstance(v, (Decimal, float)) and math.copysign(1, v) < 0
    sign = -1 if (x < 0 or (x == 0 and negative_zero)) else 1
    n, d = abs(x.numerator), x.denominator
    if n == 0:
        return sign, 0, 0
    e = n.bit_length() - d.bit_length()  # floor(log2 |x|) is e or e - 1
    if (n << max(-e, 0)) < (d << max(e, 0)):
        e -= 1
    q = max(e, emin) - (p - 1)
    num, den = (n << -q, d) if q < 0 else (n, d << q)
    m, rem = divmod(num, den)
    if 2 * rem > den or (2 * rem == den and m & 1):
        m += 1
    if m.bit_length() + q - 1 > emax:
        raise OverflowError(f"{v} overflows {precision}")
    return sign, m, q


def round_to_float(v: Number, precision: str = "f32") -> Fraction:
    """Exact value of the nearest binary32/binary64 (round half to even)."""
    sign, m, q = _round_binary(v, precision)
    return sign * Fraction(m) * Fraction(2) ** q


def to_hexfloat(v: Number, precision: str = "f32") -> str:
    """C hex-float literal of the nearest float, e.g. 0x1.555556p-3f.

    Subnormals are printed normalised (0x1p-149f); the literal is exact, so
    the compiler reproduces the same bits.  Trailing zero digits are dropped
    as printf("%a") does.
    """
    sign, m, q = _round_binary(v, precision)
    suffix = _FORMATS[precision][3]
    if m == 0:
        body = "0x0p+0"
    else:
        bits = m.bit_length() - 1
        frac = m - (1 << bits)
        ndig = (bits + 3) // 4
        digits = f"{frac << (4 * ndig - bits):0{ndig}x}".rstrip("0") if ndig else ""
        body = f"0x1{'.' + digits if digits else ''}p{q + bits:+d}"
    return ("-" if sign < 0 else "") + body + suffix


def shortest_decimal(v: Number, precision: str = "f32") -> str:
    """Shortest decimal string that rounds back to the same float."""
    target = round_to_float(v, precision)
    as_double = float(target)  # exact: binary32 values are binary64 values
    if precision == "f64":
        return repr(as_double)
    for ndigits in range(1, 10):  # 9 significant digits always round-trip binary32
        s = f"{as_double:.{ndigits}g}"
        if round_to_float(Fraction(s), "f32") == target:
            return s
    raise AssertionError("unreachable: 9 digits round-trip binary32")


def c_literal(v: Number, precision: str = "f32") -> str:
    """'HEXFLOAT /* decimal */' for generated C sources."""
    return f"{to_hexfloat(v, precision)} /* {shortest_decimal(v, precision)} */"


# ---------------------------------------------------------------------------
# Effect of rounding the fitted coefficients
# ---------------------------------------------------------------------------

@dataclass(frozen=True)
class RoundedFit:
    """Coefficients rounded to ``precision`` and the error before/after.

    ``numerator``/``denominator`` hold the exact values of the rounded
    floats; both errors are dense-grid maxima evaluated exactly (Decimal),
    so the difference is the cost of storing the coefficients in floats,
    not of evaluating in floats.
    """

    precision: str
    numerator: tuple[Fraction, ...]
    denominator: tuple[Fraction, ...]
    fitted_error: Decimal
    rounded_error: Decimal

    @property
    def numerator_literals(self) -> list[str]:
        return [c_literal(c, self.precision) for c in self.numerator]

    @property
    def denominator_literals(self) -> list[str]:
        return [c_literal(c, self.precision) for c in self.denominator]


def round_coeffs(result: MinimaxResult, precision: str = "f32",
                 samples: int | Iterable[Number] = 2001) -> RoundedFit:
    """Round every coefficient to the nearest float and re-measure the error."""
    num = tuple(round_to_float(c, precision) for c in result.numerator)
    den = tuple(round_to_float(c, precision) for c in result.denominator)
    rounded = dataclasses.replace(result, numerator=num, denominator=den)
    points = samples if isinstance(samples, int) else list(samples)
    return RoundedFit(precision, num, den, result.max_error(points), rounded.max_error(points))


def round_coeffs_f32(result: MinimaxResult, samples: int | Iterable[Number] = 2001) -> RoundedFit:
    """:func:`round_coeffs` for binary32, the precision of the C kernels."""
    return round_coeffs(result, "f32", samples)
