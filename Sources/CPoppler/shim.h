#include <glib.h>
#include <glib-object.h>
#include <cairo.h>
#include <poppler.h>
