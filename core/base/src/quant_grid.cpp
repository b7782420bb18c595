#include "adaround/quant_grid.h"

#include "adaround/error.h"

#include <string>

namespace adaround {

void validateBits(int bits, const char* what)
{
    if (bits < 2 || bits > 8)
        throw Error(std::string(what) + " must be between 2 and 8, got " + std::to_string(bits));
}

} // namespace adaround
