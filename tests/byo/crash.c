/* Crashes for x in (3, 3.5): byo.sh wants one line naming the variant, the
 * signal and the inputs of the call. */
float crash_sigmoid(float x)
{
	if (x > 3.0f && x < 3.5f) {
		volatile int *nowhere = 0;
		*nowhere = 1;
	}
	return x > 0 ? 1.0f : 0.0f;
}
