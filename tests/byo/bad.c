/* A deliberately bad sigmoid: the tangent line at 0, clamped to [0, 1].
 * Wrong by up to ~0.12 absolutely and by millions of ULP for x << 0. */
static float clamp01(float y)
{
	return y < 0.0f ? 0.0f : y > 1.0f ? 1.0f : y;
}

float bad_sigmoid(float x)
{
	return clamp01(0.5f + 0.25f * x);
}
