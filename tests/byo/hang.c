/* Never returns for a NaN input. */
float hang_sigmoid(float x)
{
	while (x != x) {
	}
	return x > 0 ? 1.0f : 0.0f;
}
