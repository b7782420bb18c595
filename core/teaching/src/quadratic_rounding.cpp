#include "adaround/teaching/quadratic_rounding.h"

#include "adaround/error.h"
#include "adaround/teaching/symmetric_eigen.h"

#include <cmath>
#include <cstdio>

namespace adaround::teaching {
namespace {

std::string number(double x)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", x);
    return text;
}

} // namespace

QuadraticRounding QuadraticRounding::paperExample()
{
    // Nearest rounds both down (loss 0.4275); rounding the second up instead,
    // against its fractional part 0.45, costs 0.2275.
    return {{0.3, 0.45}, {1.0, 0.5, 0.5, 1.0}};
}

std::string psdProblem(const std::vector<double>& h, int n)
{
    double scale = 0;
    for (double x : h)
        scale = std::max(scale, std::abs(x));
    const double tolerance = 1e-9 * std::max(1.0, scale);
    if (n == 2) {
        const double h11 = h[0], h12 = h[1], h22 = h[3];
        if (h11 < -tolerance || h22 < -tolerance)
            return "the diagonal entries h11 and h22 must not be negative (a loss cannot fall in every direction)";
        if (h11 * h22 - h12 * h12 < -tolerance * std::max(1.0, scale))
            return "|h12| = " + number(std::abs(h12)) + " exceeds sqrt(h11 h22) = " + number(std::sqrt(h11 * h22)) +
                   ": the loss would fall along some direction (det H = " + number(h11 * h22 - h12 * h12) + " < 0)";
        return {};
    }
    const double smallest = symmetricEigenvalues(h, n).front();
    if (smallest < -tolerance)
        return "its smallest eigenvalue is " + number(smallest) + " < 0: the loss would fall along some direction";
    return {};
}

void QuadraticRounding::validate() const
{
    const int n = size();
    if (n < 1 || n > kMaxToyWeights)
        throw Error("a toy rounding problem has 1 to " + std::to_string(kMaxToyWeights) + " weights, not " +
                    std::to_string(n));
    if (h.size() != size_t(n) * size_t(n))
        throw Error("H must be " + std::to_string(n) + " x " + std::to_string(n) + " for " + std::to_string(n) +
                    " weights (" + std::to_string(h.size()) + " entries given)");
    for (double x : w)
        if (!std::isfinite(x))
            throw Error("the weights must be finite numbers");
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            if (!std::isfinite(hAt(i, j)))
                throw Error("H must hold finite numbers");
            if (std::abs(hAt(i, j) - hAt(j, i)) > 1e-12 * (1 + std::abs(hAt(i, j))))
                throw Error("H must be symmetric (h" + std::to_string(i + 1) + std::to_string(j + 1) +
                            " differs from h" + std::to_string(j + 1) + std::to_string(i + 1) + ")");
        }
    const std::string why = psdProblem(h, n);
    if (!why.empty())
        throw Error("H is not positive semidefinite: " + why);
}

double quadraticLoss(const QuadraticRounding& p, const std::vector<double>& dw)
{
    const int n = p.size();
    double sum = 0;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            sum += dw[size_t(i)] * p.hAt(i, j) * dw[size_t(j)];
    return sum;
}

double lossAt(const QuadraticRounding& p, const std::vector<double>& x)
{
    std::vector<double> dw(x.size());
    for (size_t i = 0; i < x.size(); ++i)
        dw[i] = x[i] - p.w[i];
    return quadraticLoss(p, dw);
}

std::vector<double> cornerPosition(const QuadraticRounding& p, uint32_t bits)
{
    std::vector<double> x(p.w.size());
    for (size_t i = 0; i < x.size(); ++i)
        x[i] = std::floor(p.w[i]) + double((bits >> i) & 1u);
    return x;
}

std::vector<Corner> enumerateCorners(const QuadraticRounding& p)
{
    p.validate();
    std::vector<Corner> corners(size_t(1) << p.size());
    for (uint32_t bits = 0; bits < corners.size(); ++bits)
        corners[bits] = {bits, lossAt(p, cornerPosition(p, bits))};
    return corners;
}

Corner nearestCorner(const QuadraticRounding& p)
{
    p.validate();
    uint32_t bits = 0;
    for (int i = 0; i < p.size(); ++i)
        if (std::nearbyint(p.w[size_t(i)]) > std::floor(p.w[size_t(i)]))
            bits |= 1u << i;
    return {bits, lossAt(p, cornerPosition(p, bits))};
}

Corner optimalCorner(const QuadraticRounding& p)
{
    Corner best;
    bool first = true;
    for (const Corner& c : enumerateCorners(p))
        if (first || c.loss < best.loss) {
            best = c;
            first = false;
        }
    return best;
}

int differingWeights(uint32_t a, uint32_t b)
{
    int count = 0;
    for (uint32_t x = a ^ b; x; x &= x - 1)
        ++count;
    return count;
}

} // namespace adaround::teaching
