/* Declares the function but never defines it: a link error. */
float ghost_sigmoid(float x);

float not_it(float x)
{
	return ghost_sigmoid(x);
}
