// libcmark, the CommonMark reference parser (Debian's libcmark-dev, installed by Scripts/setup).
#include <cmark.h>
