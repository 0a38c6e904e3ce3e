/* Links only with -Wl,-z,undefs and then fails to load: `scale` is
 * defined nowhere. */
extern float scale;

float unresolved_sigmoid(float x)
{
	return scale * x;
}
