/* Does not compile: the test wants the compiler's first error line. */
float broken_sigmoid(float x)
{
	return 1.0f / (1.0f + ;
}
